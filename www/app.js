// The console: a small state object, event handlers that change it, and one render() that brings
// the page in line with it. Every rule about the API comes from the wasm package (validation,
// endpoints, the request preview); server data only ever reaches the page as text (see dom.js).
//
// Secrets (token, SK, security token; the AK too) are never copied into `state`, storage, the URL
// or the page's text: they are read from their own inputs at the moment a call is made.
import init, {
  HyperClusterClient,
  previewCreateHyperCluster,
  regions,
  validateCreateHyperCluster,
} from "/pkg/web/modelarts_hyper_cluster.js";
import { curlCommand } from "./curl.js";
import { $, el, replaceChildren, sentence } from "./dom.js";
import { describeError, isLocalEndpoint } from "./errors.js";
import { loadSettings, saveSettings } from "./storage.js";

/**
 * The emulator's documented development defaults (`hc-emulator --help`, emulator/README.md). They
 * work with an emulator started without its own --token/--ak flags, and nowhere else.
 */
const EMULATOR_DEFAULTS = Object.freeze({
  token: "dev-token",
  accessKey: "DEVAK000000000000000",
  secretKey: "devsk00000000000000000000000000000000000",
  projectId: "0123456789abcdef0123456789abcdef",
});
const TIMEOUT_MS = 30_000;
/** The credential inputs each authentication mode uses. */
const AUTH_FIELDS = {
  token: ["token"],
  aksk: ["accessKey", "secretKey"],
  sts: ["accessKey", "secretKey", "securityToken"],
};
const AUTH_WORDS = { token: "the IAM token", aksk: "the AK and SK", sts: "the AK, SK and security token" };
const FIELD_WORDS = {
  projectId: "project id",
  name: "name",
  hyperClusterSubnetId: "subnet id",
  type: "type",
  endpoint: "endpoint URL",
  token: "IAM token",
  accessKey: "access key",
  secretKey: "secret key",
  securityToken: "security token",
};
const CONNECTION_FIELDS = new Set(["endpoint", "token", "accessKey", "secretKey", "securityToken"]);
/** Values the preview uses for credentials not typed yet: it masks them anyway. */
const PREVIEW_PLACEHOLDERS = { token: "placeholder", accessKey: "YOUR_AK", secretKey: "placeholder", securityToken: "placeholder" };

const page = {
  app: $("[data-app]"),
  fatal: $("[data-fatal]"),
  summary: $("[data-target-summary]"),
  connection: $('[data-form="connection"]'),
  create: $('[data-form="create"]'),
  submit: $('[data-action="create"]'),
  cancel: $('[data-action="cancel"]'),
  submitHint: $("[data-submit-hint]"),
  devHelp: $("[data-dev-help]"),
  regionEndpoint: $("[data-region-endpoint]"),
  output: $("[data-output]"),
  previewRequest: $("[data-preview-request]"),
  previewMethod: $("[data-preview-method]"),
  previewUrl: $("[data-preview-url]"),
  previewHeaders: $("[data-preview-headers]"),
  previewBody: $("[data-preview-body]"),
  previewProblem: $("[data-preview-problem]"),
  curl: $("[data-curl]"),
  copy: $('[data-action="copy-curl"]'),
  copyStatus: $("[data-copy-status]"),
  listType: $("[data-list-type]"),
  refresh: $('[data-action="refresh"]'),
  listStatus: $("[data-list-status]"),
  listTable: $("[data-list-table]"),
  listBody: $("[data-list-body]"),
  listTitle: $("#list-title"),
  dialog: $('[data-dialog="delete"]'),
  deleteName: $("[data-delete-name]"),
  deleteId: $("[data-delete-id]"),
};
const secretInput = (name) => page.connection.elements.namedItem(name);

const pageOrigin = /^https?:$/.test(location.protocol) ? location.origin : "http://127.0.0.1:8080";
const remembered = loadSettings();

/** Everything the page shows, except what the user is typing into credential inputs. */
const state = {
  settings: {
    endpointMode: remembered.endpointMode === "region" ? "region" : "endpoint",
    endpoint: remembered.endpoint || pageOrigin,
    region: remembered.region || "cn-north-4",
    projectId: remembered.projectId ?? "",
    authMode: "token",
  },
  form: { name: "", hyperClusterSubnetId: "", type: "" },
  /** Fields whose messages are shown (typed in, or remembered). */
  touched: new Set(remembered.projectId ? ["projectId"] : []),
  /** The create, details or delete call in flight: { kind, label, controller }. */
  operation: null,
  /** What the output card shows: { kind: "cluster" | "deleted" | "error", ... } or null. */
  outcome: null,
  /** { type, status: "idle" | "loading" | "loaded" | "error", items, error }. */
  list: { type: "HPS", status: "idle", items: [], error: null },
  /** The cluster the delete dialog asks about. */
  pendingDelete: null,
  copyStatus: "",
};
let listController = null;

// ---------------------------------------------------------------------------------------------
// Derived view: what the package says about the current inputs.

function target(settings = state.settings) {
  return settings.endpointMode === "region" ? { region: settings.region } : { endpoint: settings.endpoint };
}

function auth({ placeholders = false } = {}) {
  const result = {};
  for (const field of AUTH_FIELDS[state.settings.authMode]) {
    const value = secretInput(field).value;
    result[field] = value === "" && placeholders ? PREVIEW_PLACEHOLDERS[field] : value;
  }
  return result;
}

function createRequest() {
  const { name, hyperClusterSubnetId, type } = state.form;
  // Empty optional fields are left out, as a user of the package would.
  return { name, hyperClusterSubnetId: hyperClusterSubnetId || undefined, type: type || undefined };
}

/** A CONFIG error's message, attached to the input it is about when it names one. */
function configIssue(error) {
  const text = String(error.message).replace(/^invalid configuration:\s*/, "");
  const named = /^(endpoint|auth\.(token|accessKey|secretKey|securityToken))\s+(.*)$/s.exec(text);
  if (!named) return { field: null, message: text, sentence: text };
  const field = named[2] ?? named[1];
  return { field, message: named[3], sentence: `the ${FIELD_WORDS[field]} ${named[3]}` };
}

function derive() {
  const { settings } = state;
  const request = createRequest();
  const validation = validateCreateHyperCluster({ projectId: settings.projectId, ...request });
  const issues = {};
  for (const issue of validation.issues) (issues[issue.field] ??= []).push(issue.message);

  const secretsEntered = AUTH_FIELDS[settings.authMode].every((field) => secretInput(field).value !== "");
  // The client's constructor checks the connection (endpoint, credentials) without sending anything.
  let config = null;
  try {
    new HyperClusterClient({ ...target(), projectId: settings.projectId, auth: auth({ placeholders: true }) }).free();
  } catch (error) {
    if (error.code === "CONFIG") config = configIssue(error);
  }
  if (config?.field) {
    const field = config.field;
    const typed = field === "endpoint" || secretInput(field)?.value !== "";
    if (typed) (issues[field] ??= []).push(config.message);
  }

  let preview = null;
  let previewProblem = null;
  try {
    preview = previewCreateHyperCluster(
      { ...target(), projectId: settings.projectId, auth: auth({ placeholders: true }) },
      request,
    );
  } catch (error) {
    previewProblem = error;
  }

  const projectValid = !issues.projectId;
  const connectionReady = projectValid && secretsEntered && !config;
  return {
    request,
    validation,
    issues,
    config,
    secretsEntered,
    preview,
    previewProblem,
    connectionReady,
    canCreate: validation.valid && connectionReady && !state.operation,
    endpointUrl: endpointUrl(),
  };
}

/** The origin requests go to, as the package computes it (regions map to their own domains). */
function endpointUrl() {
  if (state.settings.endpointMode === "endpoint") return state.settings.endpoint;
  try {
    const { url } = previewCreateHyperCluster(
      { region: state.settings.region, projectId: "p", auth: { token: "x" } },
      { name: "x" },
    );
    return new URL(url).origin;
  } catch {
    return "";
  }
}

// ---------------------------------------------------------------------------------------------
// Render: one pass over the whole page, from `state` (and the derived view) only.

const rendered = { operation: undefined, outcome: undefined, list: undefined };

function render() {
  const view = derive();
  renderConnection(view);
  renderCreate(view);
  renderPreview(view);
  renderOutput();
  renderList(view);
  renderSummary();
}

function showFieldIssues(form, view) {
  for (const slot of form.querySelectorAll("[data-error-for]")) {
    const field = slot.dataset.errorFor;
    const input = form.elements.namedItem(field);
    const messages = view.issues[field] ?? [];
    // Rule messages wait until the field was typed in; connection problems are only found for
    // fields that hold something (see derive), so they show at once.
    const shown = messages.length > 0 && (state.touched.has(field) || CONNECTION_FIELDS.has(field));
    slot.textContent = shown ? messages.map(sentence).join(" ") : "";
    input.setAttribute("aria-invalid", String(shown));
  }
}

function renderConnection(view) {
  const { settings } = state;
  for (const block of page.connection.querySelectorAll("[data-show-when-endpoint]")) {
    block.hidden = block.dataset.showWhenEndpoint !== settings.endpointMode;
  }
  for (const block of page.connection.querySelectorAll("[data-show-when-auth]")) {
    const visible = block.dataset.showWhenAuth.split(" ").includes(settings.authMode);
    block.hidden = !visible;
    // Hidden credential inputs keep nothing: switching modes must not carry a secret along.
    if (!visible) for (const input of block.querySelectorAll("input")) input.value = "";
  }
  page.regionEndpoint.textContent = settings.endpointMode === "region" ? `Requests go to ${view.endpointUrl}.` : "";
  page.devHelp.textContent =
    settings.authMode === "sts"
      ? "The emulator has no default temporary credentials (start it with --sts AK:SK:TOKEN): this switches to AK/SK and fills in its documented development pair."
      : "Fills in the emulator's documented development defaults (see emulator/README.md), and its sample project id if none is set.";
  showFieldIssues(page.connection, view);
}

function renderCreate(view) {
  showFieldIssues(page.create, view);
  const creating = state.operation?.kind === "create";
  page.submit.disabled = !view.canCreate;
  page.submit.textContent = creating ? "Creating…" : "Create";
  page.submit.setAttribute("aria-busy", String(creating));
  page.cancel.hidden = !creating;
  page.submitHint.textContent = creating ? "" : submitHint(view);
}

function submitHint(view) {
  if (state.operation) return "Waiting for the current request…";
  const invalid = Object.keys(view.issues);
  if (invalid.length) return `Needs a valid ${listInWords(invalid.map((field) => FIELD_WORDS[field]))}.`;
  if (!view.secretsEntered) return `Enter ${AUTH_WORDS[state.settings.authMode]} to create.`;
  if (view.config) return `Check the connection: ${view.config.sentence}.`;
  return "";
}

function listInWords(words) {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

function renderPreview(view) {
  const { preview, previewProblem } = view;
  page.previewRequest.hidden = !preview;
  page.previewProblem.hidden = Boolean(preview);
  if (preview) {
    page.previewMethod.textContent = preview.method;
    page.previewUrl.textContent = preview.url;
    replaceChildren(
      page.previewHeaders,
      preview.headers.map(([name, value]) => el("tr", {}, el("th", { scope: "row" }, name), el("td", {}, value))),
    );
    page.previewBody.textContent = preview.body ?? "";
    page.previewBody.hidden = preview.body === undefined;
    page.curl.textContent = curlCommand(preview);
  } else {
    const why =
      previewProblem?.code === "VALIDATION"
        ? "The request appears here once every field is valid."
        : `The request cannot be built: ${previewProblem?.code === "CONFIG" ? configIssue(previewProblem).sentence : previewProblem?.message}.`;
    page.previewProblem.textContent = why;
    page.curl.textContent = "# The command appears once the request is valid.";
  }
  page.copy.disabled = !preview;
  page.copyStatus.textContent = state.copyStatus;
}

function renderOutput() {
  if (rendered.operation === state.operation && rendered.outcome === state.outcome) return;
  rendered.operation = state.operation;
  rendered.outcome = state.outcome;
  const { operation, outcome } = state;
  page.output.setAttribute("aria-busy", String(Boolean(operation)));
  if (operation) {
    replaceChildren(
      page.output,
      el(
        "div",
        { class: "busy", "data-busy": operation.kind },
        el("span", { class: "spinner", "aria-hidden": "true" }),
        el("span", {}, operation.label),
        operation.kind === "create"
          ? null
          : el("button", { type: "button", class: "button small", "data-action": "cancel-operation" }, "Cancel"),
      ),
    );
  } else if (!outcome) {
    replaceChildren(
      page.output,
      el("p", { class: "empty" }, "Create a hyper cluster, or open one from the list: the answer appears here."),
    );
  } else if (outcome.kind === "cluster") {
    replaceChildren(page.output, clusterCard(outcome));
  } else if (outcome.kind === "deleted") {
    replaceChildren(
      page.output,
      el(
        "div",
        { class: "notice success", "data-deleted": outcome.cluster.id },
        el("h3", {}, "Hyper cluster deleted"),
        el("p", {}, el("strong", {}, outcome.cluster.name), " (", el("code", {}, outcome.cluster.id), ") is gone."),
      ),
    );
  } else if (outcome.kind === "error") {
    replaceChildren(page.output, errorCard(outcome.description));
  }
}

function clusterCard({ heading, cluster, type }) {
  const networks = cluster.networkInfo ?? [];
  return el(
    "article",
    { class: "result", "data-result": "" },
    el("h3", { class: "result-title" }, el("span", { class: "status-icon ok", "aria-hidden": "true" }), heading),
    el(
      "dl",
      { class: "facts" },
      el("dt", {}, "Name"),
      el("dd", { "data-result-name": "" }, cluster.name),
      el("dt", {}, "ID"),
      el("dd", {}, el("code", { "data-result-id": "" }, cluster.id)),
      type ? [el("dt", {}, "Type"), el("dd", {}, type)] : null,
    ),
    el("h4", {}, "Network info"),
    networks.length
      ? el(
          "table",
          { class: "kv", "data-result-networks": "" },
          el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Hyper cluster subnet id"), el("th", { scope: "col" }, "Default"))),
          el(
            "tbody",
            {},
            networks.map((network) =>
              el(
                "tr",
                {},
                el("td", {}, el("code", {}, network.hyperClusterSubnetId)),
                el("td", {}, network.isDefault ? "Yes" : "No"),
              ),
            ),
          ),
        )
      : el("p", { class: "empty" }, "No networks."),
  );
}

function errorCard(description, { compact = false } = {}) {
  return el(
    "article",
    { class: `error-card${compact ? " compact" : ""}`, "data-error-card": "", "data-code": description.code },
    el(
      "h3",
      { class: "result-title" },
      el("span", { class: "status-icon error", "aria-hidden": "true" }),
      description.title,
      el("span", { class: "badge" }, description.code),
    ),
    el("p", { class: "summary" }, description.summary),
    description.advice.length ? el("ul", { class: "advice" }, description.advice.map((line) => el("li", {}, line))) : null,
    el(
      "dl",
      { class: "facts" },
      description.facts
        .filter(([label]) => label !== "Message")
        .map(([label, value]) => [
          el("dt", {}, label),
          el("dd", { "data-fact": label.toLowerCase().replaceAll(" ", "-") }, value),
        ]),
    ),
    el(
      "details",
      {},
      el("summary", {}, "Technical details"),
      el("pre", { class: "code" }, description.facts.find(([label]) => label === "Message")?.[1] ?? ""),
    ),
  );
}

function renderList(view) {
  const { list } = state;
  page.listType.value = list.type;
  page.refresh.disabled = !view.connectionReady || list.status === "loading";
  page.refresh.setAttribute("aria-busy", String(list.status === "loading"));
  renderListContent(view);
  // Row actions wait while another call runs (one foreground call at a time).
  for (const button of page.listBody.querySelectorAll("button")) button.disabled = Boolean(state.operation);
}

function renderListContent(view) {
  const { list } = state;
  if (rendered.list === list && rendered.listReady === view.connectionReady) return;
  rendered.list = list;
  rendered.listReady = view.connectionReady;

  page.listTable.hidden = !(list.status === "loaded" && list.items.length) && list.status !== "loading";
  if (list.status === "error") {
    replaceChildren(page.listStatus, errorCard(list.error, { compact: true }));
  } else if (list.status === "loading") {
    replaceChildren(page.listStatus, el("span", { class: "spinner", "aria-hidden": "true" }), ` Loading ${list.type} clusters…`);
  } else if (list.status === "loaded") {
    page.listStatus.textContent = list.items.length
      ? `${list.items.length} ${list.type} cluster${list.items.length === 1 ? "" : "s"} in this project.`
      : `No ${list.type} clusters in this project yet.`;
  } else {
    page.listStatus.textContent = view.connectionReady
      ? "Press Refresh to load the clusters of this project."
      : "Enter a valid project id and credentials, then press Refresh.";
  }
  if (list.status === "loading") return; // Keep the previous rows while loading.
  replaceChildren(
    page.listBody,
    (list.status === "loaded" ? list.items : []).map((cluster) => {
      const networks = cluster.networkInfo ?? [];
      const defaultNetwork = networks.find((network) => network.isDefault) ?? networks[0];
      return el(
        "tr",
        { "data-cluster-id": cluster.id },
        el("td", { "data-label": "Name" }, el("span", { class: "cluster-name" }, cluster.name)),
        el("td", { "data-label": "ID" }, el("code", {}, cluster.id)),
        el("td", { "data-label": "Default subnet" }, defaultNetwork ? el("code", {}, defaultNetwork.hyperClusterSubnetId) : "none"),
        el("td", { "data-label": "Networks" }, String(networks.length)),
        el(
          "td",
          { class: "row-actions" },
          el("button", { type: "button", class: "button small", "data-action": "details", "data-id": cluster.id, "aria-label": `Details of ${cluster.name}` }, "Details"),
          el("button", { type: "button", class: "button small danger-text", "data-action": "delete", "data-id": cluster.id, "aria-label": `Delete ${cluster.name}` }, "Delete"),
        ),
      );
    }),
  );
}

function renderSummary() {
  const { settings } = state;
  let where;
  if (settings.endpointMode === "region") where = `Region ${settings.region}`;
  else if (settings.endpoint === pageOrigin) where = "Emulator on this origin";
  else where = hostOf(settings.endpoint) || "No endpoint";
  page.summary.textContent = `${where} · Project ${settings.projectId || "not set"}`;
}

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

// ---------------------------------------------------------------------------------------------
// Calls.

function client() {
  return new HyperClusterClient({
    ...target(),
    projectId: state.settings.projectId,
    auth: auth(),
    timeoutMs: TIMEOUT_MS,
  });
}

function errorDescription(error, action) {
  const endpoint = endpointUrl();
  return describeError(error, {
    action,
    endpoint,
    local: isLocalEndpoint(endpoint, pageOrigin),
    timeoutMs: TIMEOUT_MS,
    authMode: state.settings.authMode,
  });
}

/** Runs a create/details/delete call with a busy state and a Cancel; one at a time. */
async function foreground(kind, label, call, onSuccess, action) {
  if (state.operation) return;
  const controller = new AbortController();
  state.operation = { kind, label, controller };
  render();
  let api;
  try {
    api = client();
    onSuccess(await call(api, controller.signal));
  } catch (error) {
    state.outcome = { kind: "error", description: errorDescription(error, action) };
  } finally {
    api?.free();
    state.operation = null;
    render();
  }
}

function create() {
  if (!derive().canCreate) return;
  const request = createRequest();
  const focusCancel = document.activeElement === page.submit;
  const done = foreground(
    "create",
    `Creating “${request.name}”…`,
    (api, signal) => api.create(request, { signal }),
    (cluster) => {
      state.outcome = { kind: "cluster", heading: "Hyper cluster created", cluster, type: request.type };
      if (request.type) state.list = { ...state.list, type: request.type };
      loadList();
    },
    "Create",
  );
  // The submit button is disabled while busy: keep the keyboard next to the way out.
  if (focusCancel) page.cancel.focus();
  done.then(() => {
    if (document.activeElement === page.cancel || document.activeElement === document.body) page.submit.focus();
  });
}

function showDetails(cluster) {
  const type = state.list.type;
  foreground(
    "get",
    `Loading “${cluster.name}”…`,
    (api, signal) => api.get(cluster.id, { type, signal }),
    (found) => {
      state.outcome = { kind: "cluster", heading: "Hyper cluster details", cluster: found, type };
    },
    "Details",
  );
}

function deleteCluster(cluster) {
  const type = state.list.type;
  foreground(
    "delete",
    `Deleting “${cluster.name}”…`,
    (api, signal) => api.delete(cluster.id, { type, signal }),
    () => {
      state.outcome = { kind: "deleted", cluster };
      loadList();
      page.listTitle.focus();
    },
    "Delete",
  );
}

async function loadList() {
  if (!derive().connectionReady) return;
  listController?.abort();
  const controller = new AbortController();
  listController = controller;
  const type = state.list.type;
  state.list = { ...state.list, status: "loading" };
  render();
  const api = client();
  try {
    const items = await api.list({ type, signal: controller.signal });
    if (listController !== controller) return;
    state.list = { type, status: "loaded", items, error: null };
  } catch (error) {
    if (listController !== controller) return; // A newer load replaced this one.
    state.list = { type, status: "error", items: [], error: errorDescription(error, "Loading the list") };
  } finally {
    api.free();
    if (listController === controller) listController = null;
  }
  render();
}

/** The list shows one project on one endpoint: a change of either makes it stale. */
function resetList() {
  listController?.abort();
  listController = null;
  state.list = { type: state.list.type, status: "idle", items: [], error: null };
}

// ---------------------------------------------------------------------------------------------
// Events: each one changes `state`, then renders.

page.connection.addEventListener("input", (event) => {
  const { name, value } = event.target;
  if (name in state.settings) {
    const before = JSON.stringify(target()) + state.settings.projectId;
    state.settings[name] = value;
    if (JSON.stringify(target()) + state.settings.projectId !== before) resetList();
    saveSettings(state.settings);
  }
  state.touched.add(name);
  state.copyStatus = "";
  render();
});
page.connection.addEventListener("submit", (event) => event.preventDefault());

page.create.addEventListener("input", (event) => {
  const { name, value } = event.target;
  if (name in state.form) state.form[name] = value;
  state.touched.add(name);
  state.copyStatus = "";
  render();
});
page.create.addEventListener("submit", (event) => {
  event.preventDefault();
  create();
});

document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const action = button.dataset.action;
  const byId = (id) => state.list.items.find((cluster) => cluster.id === id);
  if (action === "cancel" || action === "cancel-operation") {
    state.operation?.controller.abort();
  } else if (action === "dev-credentials") {
    useDevelopmentCredentials();
  } else if (action === "refresh") {
    loadList();
  } else if (action === "details" && byId(button.dataset.id)) {
    showDetails(byId(button.dataset.id));
  } else if (action === "delete" && byId(button.dataset.id)) {
    state.pendingDelete = byId(button.dataset.id);
    page.deleteName.textContent = state.pendingDelete.name;
    page.deleteId.textContent = state.pendingDelete.id;
    page.dialog.showModal();
  } else if (action === "delete-cancel") {
    page.dialog.close();
  } else if (action === "delete-confirm") {
    const cluster = state.pendingDelete;
    page.dialog.close();
    if (cluster) deleteCluster(cluster);
  } else if (action === "copy-curl") {
    copyCurl();
  }
});
page.dialog.addEventListener("close", () => {
  state.pendingDelete = null;
});

page.listType.addEventListener("change", () => {
  resetList();
  state.list = { ...state.list, type: page.listType.value };
  render();
  loadList();
});

function useDevelopmentCredentials() {
  if (state.settings.authMode === "sts") setAuthMode("aksk");
  if (state.settings.authMode === "token") {
    secretInput("token").value = EMULATOR_DEFAULTS.token;
  } else {
    secretInput("accessKey").value = EMULATOR_DEFAULTS.accessKey;
    secretInput("secretKey").value = EMULATOR_DEFAULTS.secretKey;
  }
  if (!state.settings.projectId) {
    state.settings.projectId = EMULATOR_DEFAULTS.projectId;
    page.connection.elements.namedItem("projectId").value = EMULATOR_DEFAULTS.projectId;
    state.touched.add("projectId");
    resetList();
    saveSettings(state.settings);
  }
  render();
  loadList();
}

function setAuthMode(mode) {
  state.settings.authMode = mode;
  for (const radio of page.connection.querySelectorAll('input[name="authMode"]')) radio.checked = radio.value === mode;
}

async function copyCurl() {
  try {
    await navigator.clipboard.writeText(page.curl.textContent);
    state.copyStatus = "Copied.";
  } catch {
    // No clipboard access (an insecure origin, a denied permission): select it for Ctrl+C instead.
    getSelection().selectAllChildren(page.curl);
    state.copyStatus = "Selected: press Ctrl+C (⌘C) to copy.";
  }
  render();
}

// ---------------------------------------------------------------------------------------------
// Start.

try {
  await init();
} catch (error) {
  page.fatal.hidden = false;
  page.fatal.textContent = `The console could not load its WebAssembly package (/pkg/web/): ${error}. Build it with "node scripts/build.mjs" and serve the repository with the emulator (npm start).`;
  page.app.setAttribute("aria-busy", "false");
  throw error;
}

const regionSelect = page.connection.elements.namedItem("region");
replaceChildren(regionSelect, regions().map((region) => el("option", { value: region }, region)));
if (!regions().includes(state.settings.region)) state.settings.region = regions()[0];
for (const name of ["endpoint", "region", "projectId"]) page.connection.elements.namedItem(name).value = state.settings[name];
for (const radio of page.connection.querySelectorAll('input[name="endpointMode"]')) {
  radio.checked = radio.value === state.settings.endpointMode;
}
setAuthMode(state.settings.authMode);
render();
page.app.setAttribute("aria-busy", "false");
page.app.dataset.ready = "true";
