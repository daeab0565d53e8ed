/** The kind of servers a hyper cluster holds: hyper node service or elastic cloud server. */
export type ServerType = "HPS" | "ECS";

/** A region with a known ModelArts endpoint. For any other, pass `endpoint`. */
export type Region =
  | "cn-north-1" | "cn-north-2" | "cn-north-4" | "cn-north-9" | "cn-north-11" | "cn-north-12"
  | "cn-south-1" | "cn-east-3" | "cn-east-4" | "cn-southwest-2" | "cn-southwest-3"
  | "ap-southeast-1" | "ap-southeast-2" | "ap-southeast-3" | "ap-southeast-4"
  | "la-south-2" | "la-north-2" | "af-south-1" | "af-north-1" | "tr-west-1" | "me-east-1" | "sa-brazil-1";

/** The body of a CreateHyperCluster call. */
export interface CreateHyperClusterRequest {
  /** 1 to 64 characters: letters, digits, `-`, `_` and `.`. */
  name: string;
  /** A lower-case UUID (version 1 to 5). */
  hyperClusterSubnetId?: string;
  /** No default on create. */
  type?: ServerType;
}

/** What `validateCreateHyperCluster` checks: the request and the project it goes to. */
export interface CreateHyperClusterInput extends CreateHyperClusterRequest {
  /** 1 to 64 characters: letters, digits and `-`. */
  projectId: string;
}

/** IAM token authentication (`X-Auth-Token`). */
export interface TokenAuth {
  token: string;
  accessKey?: never;
  secretKey?: never;
  securityToken?: never;
}

/** AK/SK authentication: every request is signed with SDK-HMAC-SHA256. */
export interface AccessKeyAuth {
  accessKey: string;
  secretKey: string;
  /** The security token of temporary credentials. */
  securityToken?: string;
  token?: never;
}

/** How requests authenticate. */
export type Auth = TokenAuth | AccessKeyAuth;

interface ClientConfigBase {
  /** 1 to 64 characters: letters, digits and `-`. */
  projectId: string;
  auth: Auth;
  /** Milliseconds before a call fails with code `TIMEOUT`; default 30000. */
  timeoutMs?: number;
  /** Aborts every call of this client (code `ABORTED`). */
  signal?: AbortSignal;
}

/** Where and how to call: a known `region`, or any `endpoint` URL (other regions, proxies, the emulator). */
export type ClientConfig = ClientConfigBase &
  ({ region: Region; endpoint?: never } | { endpoint: string; region?: never });

/** Per-call options. */
export interface CallOptions {
  /** Aborts this call (code `ABORTED`). */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
}

/** Options of the calls that take the `type` query (the service defaults it to `HPS`). */
export interface TypeOptions extends CallOptions {
  type?: ServerType;
}

/** One network of a hyper cluster. */
export interface NetworkInfo {
  hyperClusterSubnetId: string;
  isDefault: boolean;
}

/** A hyper cluster. */
export interface HyperCluster {
  id: string;
  name: string;
  networkInfo: NetworkInfo[];
}

/** Why a field was refused. */
export type IssueCode = "required" | "type" | "length" | "pattern" | "enum";

/** One problem with one field. */
export interface ValidationIssue {
  /** The JavaScript name of the field; `input` when the input is not an object at all. */
  field: "projectId" | "name" | "hyperClusterSubnetId" | "type" | "id" | "input";
  /** The API's name of the parameter (`hyper_cluster_subnet_id`). */
  param: string;
  code: IssueCode;
  /** What is allowed, without the field's name. */
  message: string;
}

/** The result of `validateCreateHyperCluster`. */
export interface ValidationResult {
  valid: boolean;
  issues: ValidationIssue[];
}

/** What `previewCreateHyperCluster` returns: the request as it would be sent, secrets masked as `****`. */
export interface RequestPreview {
  method: string;
  url: string;
  /** [name, value] pairs in sending order. */
  headers: [string, string][];
  body?: string;
}

/** What `signRequest` signs. */
export interface SignRequestInput {
  method: string;
  /** Absolute http(s) URL, as it will be sent. */
  url: string;
  /** The headers you will send (not `Host`). */
  headers?: Record<string, string>;
  /** The exact body you will send. */
  body?: string;
  accessKey: string;
  secretKey: string;
  securityToken?: string;
  /** `YYYYMMDDTHHMMSSZ`; default now. */
  date?: string;
}

/** The stable codes of `HyperClusterError`. */
export type HyperClusterErrorCode = "VALIDATION" | "CONFIG" | "API" | "NETWORK" | "TIMEOUT" | "ABORTED" | "DECODE";

interface HyperClusterErrorBase extends Error {
  name: "HyperClusterError";
}

/** The input breaks the API's rules; nothing was sent. */
export interface ValidationError extends HyperClusterErrorBase {
  code: "VALIDATION";
  issues: ValidationIssue[];
}

/** The server answered with a non-2xx status. */
export interface ApiError extends HyperClusterErrorBase {
  code: "API";
  status: number;
  /** e.g. `ModelArts.0101`, `APIGW.0301`. */
  errorCode?: string;
  errorMsg?: string;
  /** `X-Request-Id`: quote it to Huawei support. */
  requestId?: string;
  encodedAuthorizationMessage?: string;
  /** Advice, e.g. about clock skew when a signature expired. */
  hint?: string;
}

/** No answer within `timeoutMs`. */
export interface TimeoutError extends HyperClusterErrorBase {
  code: "TIMEOUT";
  timeoutMs: number;
}

/** Bad configuration, network failure, cancellation, or an answer that is not what the API documents. */
export interface OtherHyperClusterError extends HyperClusterErrorBase {
  code: "CONFIG" | "NETWORK" | "ABORTED" | "DECODE";
}

/** Every error this package throws or rejects with; branch on `code`. */
export type HyperClusterError = ValidationError | ApiError | TimeoutError | OtherHyperClusterError;
