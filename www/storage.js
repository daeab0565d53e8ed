// What the console remembers between visits: where to connect and which project, nothing else.
// Credentials are deliberately absent: a secret typed into the page lives only in its input.

const KEY = "modelarts-hyper-cluster-console";
/** The only settings ever written. */
export const REMEMBERED = ["endpointMode", "endpoint", "region", "projectId"];

/** The remembered settings (strings only); `{}` when there are none or storage is unavailable. */
export function loadSettings() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? "{}");
    return Object.fromEntries(REMEMBERED.filter((key) => typeof saved?.[key] === "string").map((key) => [key, saved[key]]));
  } catch {
    return {};
  }
}

/** Writes the REMEMBERED keys of `settings`, ignoring every other property. */
export function saveSettings(settings) {
  try {
    localStorage.setItem(KEY, JSON.stringify(Object.fromEntries(REMEMBERED.map((key) => [key, settings[key] ?? ""]))));
  } catch {
    // Storage may be disabled (private mode, quotas): the console works without it.
  }
}
