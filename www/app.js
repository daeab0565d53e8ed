// A first page over the package: live validation of the create form through the wasm rules.
import init, { validateCreateHyperCluster } from "/pkg/web/modelarts_hyper_cluster.js";

await init();

const form = document.querySelector('[data-form="create"]');
const submit = form.querySelector('button[type="submit"]');

function readForm() {
  const data = new FormData(form);
  const optional = (key) => (data.get(key) ? String(data.get(key)) : undefined);
  return {
    projectId: String(data.get("projectId") ?? ""),
    name: String(data.get("name") ?? ""),
    hyperClusterSubnetId: optional("hyperClusterSubnetId"),
    type: optional("type"),
  };
}

function render() {
  const { valid, issues } = validateCreateHyperCluster(readForm());
  for (const slot of form.querySelectorAll("[data-error-for]")) {
    const field = slot.dataset.errorFor;
    const input = form.elements.namedItem(field);
    const issue = issues.find((i) => i.field === field);
    // Show a field's problem once the user has typed in it.
    const touched = input.dataset.touched === "true";
    slot.textContent = issue && touched ? issue.message : "";
    input.setAttribute("aria-invalid", String(Boolean(issue && touched)));
  }
  submit.disabled = !valid;
}

form.addEventListener("input", (event) => {
  event.target.dataset.touched = "true";
  render();
});
form.addEventListener("submit", (event) => event.preventDefault());
render();
