#!/usr/bin/env node
// modelarts-hyper-cluster: create, list, get and delete ModelArts Hyper Clusters from scripts and CI.
// JSON on stdout, one clear message on stderr, and documented exit codes (see USAGE). Credentials
// come only from the environment and are never printed.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { HyperClusterClient, isHyperClusterError, previewCreateHyperCluster } from "../js/node.mjs";

const PROGRAM = "modelarts-hyper-cluster";

/** Exit codes: a stable interface for scripts. */
const EXIT = Object.freeze({
  OK: 0,
  INTERNAL: 1,
  USAGE: 2, // bad flags, invalid input, missing or unusable configuration or credentials: nothing was sent
  API: 3, // the service answered with an error status, or with something the API does not document
  NETWORK: 4, // no answer: network failure, timeout or cancellation
  INTERRUPTED: 130, // SIGINT (Ctrl-C)
});

const USAGE = `\
${PROGRAM}: create, list, get and delete Huawei Cloud ModelArts Hyper Clusters

Usage:
  ${PROGRAM} create --name NAME [--subnet-id UUID] [--type HPS|ECS] [--dry-run] [OPTIONS]
  ${PROGRAM} list   [--type HPS|ECS] [OPTIONS]
  ${PROGRAM} get    ID [--type HPS|ECS] [OPTIONS]
  ${PROGRAM} delete ID [--type HPS|ECS] [OPTIONS]

Commands:
  create    CreateHyperCluster; prints the new cluster {id, name, networkInfo}
  list      ListHyperCluster; prints an array of clusters (the service defaults --type to HPS)
  get       GetHyperCluster; prints the cluster (ID may also be given as --id ID)
  delete    DeleteHyperCluster; prints the service's answer

Options:
  --region REGION      a region with a known endpoint, e.g. cn-north-4
  --endpoint URL       any endpoint instead: another region, a proxy, the local emulator
                       (exactly one of --region and --endpoint)
  --project-id ID      the project (default: $HUAWEICLOUD_SDK_PROJECT_ID)
  --name NAME          create: 1 to 64 letters, digits, '-', '_' and '.'
  --subnet-id UUID     create: the hyper cluster subnet (lower-case UUID)
  --type HPS|ECS       the kind of servers: hyper node service or elastic cloud server
  --dry-run            create: validate and print the request that would be sent, secrets
                       masked as ****; nothing is sent
  --timeout SECONDS    give up after this long (default 30; decimals allowed)
  -h, --help           this text
  -v, --version        the version

Credentials (environment only; never printed):
  HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK    an access key pair: requests are signed (SDK-HMAC-SHA256)
  HUAWEICLOUD_SDK_SECURITY_TOKEN            with the pair, for temporary credentials
  HUAWEICLOUD_SDK_TOKEN                     or an IAM token, sent as X-Auth-Token
  HUAWEICLOUD_SDK_PROJECT_ID                the project, when --project-id is not given
Set either the access key pair or the token, not both.

Output: the result as JSON on stdout; on failure nothing on stdout and one message on stderr.
Exit codes:
  0    success
  1    internal error (a bug: please report it)
  2    usage, validation or configuration error (bad flags, invalid input, missing
       credentials): nothing was sent
  3    the service answered with an error (HTTP status, error code and request id are shown)
       or with a response the API does not document
  4    no answer: network failure or --timeout
  130  interrupted (SIGINT)

Examples:
  export HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=...
  ${PROGRAM} create --region cn-north-4 --name hc-01 --type HPS
  ${PROGRAM} list --region cn-north-4 --type HPS
  HUAWEICLOUD_SDK_TOKEN=dev-token ${PROGRAM} list --endpoint http://127.0.0.1:8080 --project-id 0123456789abcdef0123456789abcdef
`;

/** A failure with its exit code and the message for stderr (no program prefix). */
class CliError extends Error {
  constructor(exitCode, message) {
    super(message);
    this.exitCode = exitCode;
  }
}

const usageError = (message) => new CliError(EXIT.USAGE, `${message}\nRun '${PROGRAM} --help' for usage.`);

const COMMON = {
  region: { type: "string" },
  endpoint: { type: "string" },
  "project-id": { type: "string" },
  timeout: { type: "string" },
  help: { type: "boolean", short: "h" },
};
const TYPE = { type: { type: "string" } };
const COMMANDS = {
  create: { options: { ...COMMON, ...TYPE, name: { type: "string" }, "subnet-id": { type: "string" }, "dry-run": { type: "boolean" } }, positionals: 0 },
  list: { options: { ...COMMON, ...TYPE }, positionals: 0 },
  get: { options: { ...COMMON, ...TYPE, id: { type: "string" } }, positionals: 1 },
  delete: { options: { ...COMMON, ...TYPE, id: { type: "string" } }, positionals: 1 },
};

/** The flag a library field name is given with, for messages. */
const FLAG_OF_FIELD = {
  projectId: "--project-id",
  name: "--name",
  hyperClusterSubnetId: "--subnet-id",
  type: "--type",
  id: "ID",
  input: "input",
};
/** The environment variable behind each `auth` field, for configuration messages. */
const ENV_OF_AUTH = {
  "auth.token": "HUAWEICLOUD_SDK_TOKEN",
  "auth.accessKey": "HUAWEICLOUD_SDK_AK",
  "auth.secretKey": "HUAWEICLOUD_SDK_SK",
  "auth.securityToken": "HUAWEICLOUD_SDK_SECURITY_TOKEN",
};

function version() {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  return manifest.version;
}

/** Reads the command line into { command, values, id } or throws a usage error. */
function parseCommandLine(argv) {
  const [command, ...rest] = argv;
  if (command === undefined) throw usageError("a command is required: create, list, get or delete.");
  if (command === "-h" || command === "--help" || command === "help") return { help: true };
  if (command === "-v" || command === "--version") return { version: true };
  const spec = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!spec) throw usageError(`unknown command '${command}': expected create, list, get or delete.`);

  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: spec.options, strict: true, allowPositionals: true });
  } catch (error) {
    // Node's messages name the flag; keep them, without the error-code decoration.
    throw usageError(`${command}: ${String(error.message).replace(/\. To specify a positional argument.*$/s, ".")}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length > spec.positionals) {
    throw usageError(`${command}: unexpected argument '${positionals[spec.positionals]}'.`);
  }
  let id;
  if (spec.positionals === 1) {
    if (positionals.length === 1 && values.id !== undefined) throw usageError(`${command}: give the cluster id once (as ID or --id), not both.`);
    id = positionals[0] ?? values.id;
    if (id === undefined) throw usageError(`${command}: the cluster id is required: ${PROGRAM} ${command} ID.`);
  }
  if (command === "create" && values.name === undefined) throw usageError("create: --name is required.");
  return { command, values, id };
}

/** Builds the client configuration from the flags and the environment, or throws a usage error. */
function configuration(values, env) {
  const fromEnv = (name) => (env[name] === undefined || env[name] === "" ? undefined : env[name]);

  if (values.region !== undefined && values.endpoint !== undefined) {
    throw usageError("give either --region or --endpoint, not both.");
  }
  if (values.region === undefined && values.endpoint === undefined) {
    throw usageError("where to send the request: --region REGION (e.g. cn-north-4) or --endpoint URL is required.");
  }
  const projectId = values["project-id"] ?? fromEnv("HUAWEICLOUD_SDK_PROJECT_ID");
  if (projectId === undefined) throw usageError("no project: pass --project-id or set HUAWEICLOUD_SDK_PROJECT_ID.");

  const accessKey = fromEnv("HUAWEICLOUD_SDK_AK");
  const secretKey = fromEnv("HUAWEICLOUD_SDK_SK");
  const securityToken = fromEnv("HUAWEICLOUD_SDK_SECURITY_TOKEN");
  const token = fromEnv("HUAWEICLOUD_SDK_TOKEN");
  let auth;
  if (token !== undefined && (accessKey !== undefined || secretKey !== undefined)) {
    throw usageError("set either HUAWEICLOUD_SDK_TOKEN or HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK, not both.");
  } else if (token !== undefined) {
    if (securityToken !== undefined) throw usageError("HUAWEICLOUD_SDK_SECURITY_TOKEN goes with HUAWEICLOUD_SDK_AK/SK, not with HUAWEICLOUD_SDK_TOKEN.");
    auth = { token };
  } else if (accessKey !== undefined && secretKey !== undefined) {
    auth = securityToken === undefined ? { accessKey, secretKey } : { accessKey, secretKey, securityToken };
  } else if (accessKey !== undefined || secretKey !== undefined) {
    throw usageError(`HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK must both be set (${accessKey === undefined ? "HUAWEICLOUD_SDK_AK" : "HUAWEICLOUD_SDK_SK"} is missing).`);
  } else {
    throw usageError(
      "no credentials: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (plus HUAWEICLOUD_SDK_SECURITY_TOKEN for temporary credentials), or HUAWEICLOUD_SDK_TOKEN.",
    );
  }

  const config = { projectId, auth };
  if (values.region !== undefined) config.region = values.region;
  else config.endpoint = values.endpoint;
  if (values.timeout !== undefined) {
    const seconds = /^\s*\d+(\.\d+)?\s*$/.test(values.timeout) ? Number(values.timeout) : NaN;
    const ms = Math.round(seconds * 1000);
    if (!(ms >= 1 && ms <= 2_147_483_647)) {
      throw usageError(`--timeout must be a number of seconds greater than 0 (got '${values.timeout}').`);
    }
    config.timeoutMs = ms;
  }
  return config;
}

/** The message and exit code for an error thrown by the package. */
function fromLibraryError(error, command) {
  switch (error.code) {
    case "VALIDATION": {
      const lines = (error.issues ?? []).map((issue) => `  ${FLAG_OF_FIELD[issue.field] ?? issue.field}: ${issue.message}`);
      return new CliError(EXIT.USAGE, `${command}: invalid input, nothing was sent:\n${lines.join("\n")}`);
    }
    case "CONFIG": {
      let message = error.message;
      for (const [field, variable] of Object.entries(ENV_OF_AUTH)) message = message.replaceAll(field, variable);
      return new CliError(EXIT.USAGE, `${command}: ${message}`);
    }
    case "API": {
      const hint = error.hint ? `\n  hint: ${error.hint}` : "";
      return new CliError(EXIT.API, `${command}: the service refused the request: ${error.message}${hint}`);
    }
    case "DECODE":
      return new CliError(EXIT.API, `${command}: ${error.message}`);
    case "TIMEOUT": {
      const unknown = command === "create" || command === "delete" ? "; the service may still carry it out: check with 'list'" : "";
      return new CliError(EXIT.NETWORK, `${command}: no answer within ${error.timeoutMs / 1000} s (--timeout)${unknown}.`);
    }
    case "NETWORK":
    case "ABORTED":
      // The package's advice about CORS is for pages, not for this command.
      return new CliError(EXIT.NETWORK, `${command}: ${error.message.replace(/\. In a browser\b.*$/s, "")}`);
    default:
      return new CliError(EXIT.INTERNAL, `${command}: ${error.message}`);
  }
}

/** Runs one command line: { exitCode, stdout, stderr }; never throws. */
async function run(argv, env = process.env, { signal } = {}) {
  let command = "";
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.help) return { exitCode: EXIT.OK, stdout: USAGE, stderr: "" };
    if (parsed.version) return { exitCode: EXIT.OK, stdout: `${version()}\n`, stderr: "" };
    command = parsed.command;
    const { values, id } = parsed;
    let config;
    try {
      config = configuration(values, env);
    } catch (error) {
      if (error instanceof CliError) error.message = `${command}: ${error.message}`;
      throw error;
    }
    if (signal) config.signal = signal;
    const typeOption = values.type === undefined ? {} : { type: values.type };

    let result;
    try {
      if (command === "create") {
        const request = { name: values.name, ...typeOption };
        if (values["subnet-id"] !== undefined) request.hyperClusterSubnetId = values["subnet-id"];
        if (values["dry-run"]) {
          result = previewCreateHyperCluster(config, request);
        } else {
          result = await new HyperClusterClient(config).create(request);
        }
      } else {
        const client = new HyperClusterClient(config);
        if (command === "list") result = await client.list(typeOption);
        else if (command === "get") result = await client.get(id, typeOption);
        else result = await client.delete(id, typeOption);
      }
    } catch (error) {
      if (!isHyperClusterError(error)) throw error;
      if (error.code === "ABORTED" && signal?.aborted) return failure(new CliError(EXIT.INTERRUPTED, `${command}: interrupted`));
      return failure(fromLibraryError(error, command));
    }
    return { exitCode: EXIT.OK, stdout: `${JSON.stringify(result, null, 2)}\n`, stderr: "" };
  } catch (error) {
    if (error instanceof CliError) return failure(error);
    return failure(new CliError(EXIT.INTERNAL, `${command ? `${command}: ` : ""}internal error: ${error?.stack ?? error}`));
  }
}

function failure(error) {
  return { exitCode: error.exitCode, stdout: "", stderr: `${PROGRAM}: ${error.message}\n` };
}

const controller = new AbortController();
process.once("SIGINT", () => controller.abort());
const { exitCode, stdout, stderr } = await run(process.argv.slice(2), process.env, { signal: controller.signal });
process.stdout.on("error", () => {}); // a closed pipe (| head) is not our failure
if (stdout) process.stdout.write(stdout);
if (stderr) process.stderr.write(stderr);
process.exitCode = exitCode;
