// Debian's Chromium through playwright-core (never a downloaded browser), with the flags this
// machine needs: its closed network refuses Chromium's background connections.
import { chromium } from "playwright-core";

/** Launches headless Chromium; Playwright gives each launch a fresh profile folder. */
export function launchChromium() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}
