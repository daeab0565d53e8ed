// A curl command built from previewCreateHyperCluster's output. Pure (no DOM), so Node tests import
// it as it is. The preview already masks secrets as ****; here every secret-bearing header becomes a
// shell variable the user sets, so the command can be copied and shared without leaking anything.

/** What each secret-bearing header is replaced with, by lower-case header name. */
const VARIABLES = {
  "x-auth-token": "HC_TOKEN",
  "x-security-token": "HC_SECURITY_TOKEN",
  // An AK/SK signature covers this exact date: it has to come with the signature.
  "x-sdk-date": "HC_SDK_DATE",
};

/**
 * @param {{method: string, url: string, headers: [string, string][], body?: string}} preview
 * @returns {string} a POSIX shell command, with comments saying which variables to set
 */
export function curlCommand(preview) {
  const used = new Set();
  const lines = [`curl -X ${preview.method} ${singleQuoted(preview.url)}`];
  for (const [name, value] of preview.headers) {
    const segments = headerSegments(name, value);
    for (const segment of segments) if (segment.variable) used.add(segment.variable);
    lines.push(`-H ${quoted([{ text: `${name}: ` }, ...segments])}`);
  }
  if (preview.body !== undefined) lines.push(`--data-raw ${singleQuoted(preview.body)}`);
  return [...comments(used), lines.join(" \\\n  ")].join("\n");
}

/** A header value as literal text and variables. */
function headerSegments(name, value) {
  const lower = name.toLowerCase();
  if (VARIABLES[lower]) return [{ variable: VARIABLES[lower] }];
  if (lower === "authorization") {
    const signed = /^(.*Access=)([^,]*)(,.*Signature=)(.*)$/s.exec(value);
    if (signed) {
      return [{ text: signed[1] }, { variable: "HC_AK" }, { text: signed[3] }, { variable: "HC_SIGNATURE" }];
    }
  }
  if (!value.includes("****")) return [{ text: value }];
  // Any other masked value: never print even the masked form, name a variable instead.
  const variable = `HC_${lower.replace(/[^a-z0-9]+/g, "_").toUpperCase()}`;
  return value.split("****").flatMap((text, index) => (index === 0 ? [{ text }] : [{ variable }, { text }]));
}

function comments(used) {
  const out = [];
  if (used.has("HC_TOKEN")) out.push("# Set HC_TOKEN to your IAM token first (export HC_TOKEN=...).");
  if (used.has("HC_SIGNATURE")) {
    out.push(
      "# AK/SK: the signature covers this exact request and a date less than",
      "# 15 minutes old. Set HC_AK, HC_SDK_DATE (YYYYMMDDTHHMMSSZ) and",
      "# HC_SIGNATURE (signRequest() of this package computes them)" +
        (used.has("HC_SECURITY_TOKEN") ? ", and" : "."),
    );
    if (used.has("HC_SECURITY_TOKEN")) out.push("# HC_SECURITY_TOKEN, the security token of your temporary credentials.");
  } else if (used.has("HC_SECURITY_TOKEN")) {
    out.push("# Set HC_SECURITY_TOKEN to the security token of your temporary credentials.");
  }
  for (const variable of used) {
    if (!["HC_TOKEN", "HC_AK", "HC_SIGNATURE", "HC_SDK_DATE", "HC_SECURITY_TOKEN"].includes(variable)) {
      out.push(`# Set ${variable} (masked in the preview).`);
    }
  }
  return out;
}

/** 'text', safe for any content: the shell reads nothing inside single quotes. */
function singleQuoted(text) {
  return `'${String(text).replaceAll("'", `'\\''`)}'`;
}

/** Literal-only values go in single quotes; values with variables in double quotes. */
function quoted(segments) {
  if (segments.every((segment) => segment.variable === undefined)) {
    return singleQuoted(segments.map((segment) => segment.text).join(""));
  }
  const body = segments
    .map((segment, index) => {
      if (segment.variable === undefined) return segment.text.replace(/[\\"$`]/g, "\\$&");
      // $NAME reads best; ${NAME} only when a name character follows.
      const next = segments[index + 1];
      return next?.text && /^\w/.test(next.text) ? `\${${segment.variable}}` : `$${segment.variable}`;
    })
    .join("");
  return `"${body}"`;
}
