// The package's "browser" entry has already fetched and started its WebAssembly (a top-level await
// over the .wasm, which Vite emits as an asset) by the time this module runs.
import { createHyperCluster, isHyperClusterError, validateCreateHyperCluster } from "modelarts-hyper-cluster";

const form = document.querySelector("#create");
const result = document.querySelector("#result");
document.querySelector("#status").textContent = `WebAssembly ready ${Math.round(performance.now())} ms after navigation.`;

function readForm() {
  const value = (name) => form.elements[name].value.trim();
  const request = { name: value("name"), type: value("type") };
  if (value("hyperClusterSubnetId")) request.hyperClusterSubnetId = value("hyperClusterSubnetId");
  return { endpoint: value("endpoint"), token: value("token"), projectId: value("projectId"), request };
}

// Live validation: the same rules the service applies, field by field, as the user types.
function showIssues() {
  const { projectId, request } = readForm();
  const { valid, issues } = validateCreateHyperCluster({ projectId, ...request });
  for (const slot of form.querySelectorAll("[data-issue]")) {
    slot.textContent = issues.find((issue) => issue.field === slot.dataset.issue)?.message ?? "";
  }
  form.elements.submit.disabled = !valid;
}
form.addEventListener("input", showIssues);
showIssues();

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const { endpoint, token, projectId, request } = readForm();
  result.hidden = false;
  result.textContent = "Creating…";
  try {
    const cluster = await createHyperCluster({ endpoint, projectId, auth: { token }, timeoutMs: 10_000 }, request);
    result.dataset.outcome = "created";
    result.textContent = JSON.stringify(cluster, null, 2);
  } catch (error) {
    if (!isHyperClusterError(error)) throw error;
    result.dataset.outcome = error.code;
    result.textContent = `${error.code}: ${error.message}`;
  }
});
