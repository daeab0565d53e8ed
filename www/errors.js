// A HyperClusterError in words a person understands: a title, what happened, what to do, and the
// facts (code, HTTP status, service error code, request id). Pure (no DOM). The error's own
// message and the server's texts are returned as data, for the caller to show with textContent.

const STATUS_TEXT = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** Loopback hosts and the page's own origin: "is the emulator running?" rather than "CORS". */
export function isLocalEndpoint(url, pageOrigin) {
  try {
    const parsed = new URL(url);
    if (parsed.origin === pageOrigin) return true;
    const host = parsed.hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\./.test(host);
  } catch {
    return false;
  }
}

/**
 * @param {any} error what the call rejected with
 * @param {{action: string, endpoint: string, local: boolean, timeoutMs: number, authMode: string}} context
 *   `action` in words ("Create", "Delete"), the endpoint called, whether it is local, and the
 *   authentication mode ("token", "aksk" or "sts")
 * @returns {{code: string, title: string, summary: string, advice: string[], facts: [string, string][]}}
 */
export function describeError(error, context) {
  const code = typeof error?.code === "string" ? error.code : "UNEXPECTED";
  const message = typeof error?.message === "string" ? error.message : String(error);
  const facts = [["Error code", code]];
  const advice = [];
  let title = `${context.action} failed`;
  let summary;

  switch (code) {
    case "API": {
      const status = Number(error.status);
      facts.push(["HTTP status", `${status} ${STATUS_TEXT[status] ?? ""}`.trim()]);
      if (error.errorCode) facts.push(["Service error code", String(error.errorCode)]);
      summary = apiSummary(status);
      advice.push(...apiAdvice(status, context.authMode));
      if (error.hint) advice.unshift(String(error.hint));
      if (error.errorMsg) facts.push(["Server message", String(error.errorMsg)]);
      break;
    }
    case "NETWORK":
      title = `${context.action} failed: no answer from the endpoint`;
      facts.push(["HTTP status", "none (the browser got no response)"]);
      if (context.local) {
        summary = `Nothing answered at ${context.endpoint}.`;
        advice.push(
          "If this is the emulator, check that it is running (npm start prints its URL) and that the port is right.",
        );
      } else {
        summary = `The browser could not reach ${context.endpoint}, or the endpoint did not allow this page to call it.`;
        advice.push(
          "The ModelArts endpoints do not answer the CORS checks a browser makes before these requests, so a web page cannot call them directly.",
          "Put a proxy or an edge function (a Cloudflare Worker, for example) in front of ModelArts that answers CORS and forwards the requests, and enter its URL as the endpoint; or use the package from Node.",
        );
      }
      break;
    case "TIMEOUT":
      title = `${context.action} timed out`;
      summary = `No answer within ${Number(error.timeoutMs ?? context.timeoutMs) / 1000} seconds.`;
      advice.push("The server may still have done the work: refresh the list before trying again.");
      break;
    case "ABORTED":
      title = `${context.action} cancelled`;
      summary = "You cancelled the request before an answer arrived.";
      advice.push("The server may still have received it: refresh the list to see whether anything changed.");
      break;
    case "DECODE":
      summary = "The server answered, but not with what the ModelArts API documents.";
      advice.push("Check that the endpoint is ModelArts (or a proxy that forwards to it) and not another service or an HTML error page.");
      break;
    case "CONFIG":
      summary = "The connection settings cannot be used.";
      break;
    case "VALIDATION":
      summary = "The request breaks the API's rules, so it was not sent.";
      break;
    default:
      summary = "Something unexpected went wrong in the console.";
  }

  const requestId = error?.requestId ? String(error.requestId) : null;
  facts.push([
    "Request id",
    requestId ?? (code === "API" ? "none (the server sent no X-Request-Id)" : "none (no response reached the browser)"),
  ]);
  facts.push(["Message", message]);
  return { code, title, summary, advice, facts, requestId };
}

function apiSummary(status) {
  if (status === 400) return "The server refused the request as invalid.";
  if (status === 401) return "The server did not accept the credentials.";
  if (status === 403) return "The credentials are valid but not allowed to do this.";
  if (status === 404) return "The server found nothing at that address: the cluster, project or type does not match.";
  if (status === 409) return "The request conflicts with the current state of the project.";
  if (status === 413) return "The request is larger than the server accepts.";
  if (status === 429) return "Too many requests: the gateway is throttling this account.";
  if (status >= 500) return "The server failed while handling the request.";
  return `The server answered with HTTP ${status}.`;
}

function apiAdvice(status, authMode) {
  if (status === 401 && authMode === "token") {
    return ["Check the IAM token: it must be one the endpoint accepts, and IAM tokens expire."];
  }
  if (status === 401) {
    return [
      `Check the AK and SK${authMode === "sts" ? " and the security token (temporary credentials expire)" : ""}, and that this computer's clock is right within 15 minutes: the signature covers the time.`,
      "The console never retries a refused signature: five failures in a row lock an AK for 5 minutes.",
    ];
  }
  if (status === 403) return ["Ask the account's administrator for ModelArts permissions in this project."];
  if (status === 429) return ["Wait a few seconds, then try again."];
  if (status >= 500) return ["Try again later; quote the request id if you contact support."];
  return [];
}
