/**
 * Keycloak's admin REST API for what the operator commands do beside the engine (looking up clients
 * to adopt, removing what an adopted client holds beyond its file), signed in with the provider's own
 * KEYCLOAK_* variables. Same rules as the provider: no redirects, plain http only to loopback, client
 * secrets in HTTP Basic.
 */
export class KeycloakAdmin {
  private token?: { value: string; expires: number };
  private signingIn?: Promise<string>;
  /** Admin requests sent so far (sign-ins not counted), for the commands' progress lines. */
  requests = 0;

  private constructor(
    private readonly baseUrl: string,
    private readonly signIn: { realm: string; form: Record<string, string>; basic?: string },
  ) {}

  static fromEnvironment(env: NodeJS.ProcessEnv): KeycloakAdmin {
    const url = env.KEYCLOAK_URL;
    if (!url)
      throw new Error("KEYCLOAK_URL is not set: the provider's KEYCLOAK_* variables are needed to reach Keycloak");
    const problem = keycloakUrlProblem(url);
    if (problem) throw new Error(problem);
    const realm = env.KEYCLOAK_REALM || "master";
    const base = keycloakBaseUrl(env);
    if (env.KEYCLOAK_USER && env.KEYCLOAK_PASSWORD) {
      const form = {
        grant_type: "password",
        client_id: env.KEYCLOAK_CLIENT_ID || "admin-cli",
        username: env.KEYCLOAK_USER,
        password: env.KEYCLOAK_PASSWORD,
      };
      return new KeycloakAdmin(base, { realm, form, basic: basic(form.client_id, env.KEYCLOAK_CLIENT_SECRET) });
    }
    if (!env.KEYCLOAK_CLIENT_ID || !env.KEYCLOAK_CLIENT_SECRET) {
      throw new Error("set KEYCLOAK_CLIENT_ID and KEYCLOAK_CLIENT_SECRET (or KEYCLOAK_USER and KEYCLOAK_PASSWORD)");
    }
    return new KeycloakAdmin(base, {
      realm,
      form: { grant_type: "client_credentials" },
      basic: basic(env.KEYCLOAK_CLIENT_ID, env.KEYCLOAK_CLIENT_SECRET),
    });
  }

  get<T>(path: string): Promise<T> {
    return this.request("GET", path) as Promise<T>;
  }

  /** Like {@link get}, but undefined when Keycloak answers 404. */
  async find<T>(path: string): Promise<T | undefined> {
    try {
      return await this.get<T>(path);
    } catch (error) {
      if (error instanceof KeycloakAdminError && error.status === 404) return undefined;
      throw error;
    }
  }

  async delete(path: string, body?: unknown): Promise<void> {
    await this.request("DELETE", path, body);
  }

  /** `/admin/realms/<path>`; every segment of `path` must already be escaped with {@link segment}. */
  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    this.requests++;
    const response = await fetch(`${this.baseUrl}/admin/realms/${path}`, {
      method,
      redirect: "error",
      headers: {
        authorization: `Bearer ${await this.accessToken()}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) throw new KeycloakAdminError(method, path, response.status);
    const text = await response.text();
    return text === "" ? undefined : JSON.parse(text);
  }

  /** Requests sent at once share one sign-in, instead of each signing in. */
  private accessToken(): Promise<string> {
    if (this.token && this.token.expires > Date.now()) return Promise.resolve(this.token.value);
    this.signingIn ??= this.signInNow().finally(() => (this.signingIn = undefined));
    return this.signingIn;
  }

  private async signInNow(): Promise<string> {
    const response = await fetch(`${this.baseUrl}/realms/${segment(this.signIn.realm)}/protocol/openid-connect/token`, {
      method: "POST",
      redirect: "error",
      headers: this.signIn.basic ? { authorization: this.signIn.basic } : {},
      body: new URLSearchParams(this.signIn.form),
      signal: AbortSignal.timeout(30_000),
    });
    const answer = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
    if (!response.ok || !answer.access_token) {
      throw new Error(`signing in to Keycloak failed: HTTP ${response.status} (check KEYCLOAK_CLIENT_ID/SECRET)`);
    }
    // Renewed 10 s early, so a token never expires between check and use.
    this.token = { value: answer.access_token, expires: Date.now() + ((answer.expires_in ?? 60) - 10) * 1000 };
    return this.token.value;
  }
}

export class KeycloakAdminError extends Error {
  constructor(
    method: string,
    path: string,
    readonly status: number,
  ) {
    super(`Keycloak answered ${method} /admin/realms/${path} with HTTP ${status}`);
    this.name = "KeycloakAdminError";
  }
}

/** KEYCLOAK_URL with KEYCLOAK_BASE_PATH (`/auth` on Keycloak before 17), without a trailing slash. */
export function keycloakBaseUrl(env: NodeJS.ProcessEnv): string {
  const path = (env.KEYCLOAK_BASE_PATH ?? "").replace(/^\/+|\/+$/g, "");
  return `${String(env.KEYCLOAK_URL).replace(/\/+$/, "")}${path ? `/${path}` : ""}`;
}

/**
 * Why KEYCLOAK_URL must not be used, or undefined: the bundled provider's rule (https://, plain
 * http:// only to a loopback host), checked by the commands too because the official provider
 * accepts http:// to any host and sends its client secret in the request body.
 */
export function keycloakUrlProblem(url: string): string | undefined {
  if (!URL.canParse(url)) return "KEYCLOAK_URL must be an absolute URL";
  const { protocol, hostname, host } = new URL(url);
  if (protocol === "https:" || (protocol === "http:" && isLoopback(hostname))) return undefined;
  // Scheme and host only: the URL may carry user info.
  return `KEYCLOAK_URL must use https:// (plain http:// only to a loopback host), got ${protocol}//${host}`;
}

/** The provider's rule: localhost, 127.0.0.0/8 and ::1 (a trailing dot names the same host). */
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/\.+$/, "");
  return host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** A path segment: escaped, and never `.` or `..`. */
export function segment(value: string): string {
  if (value === "." || value === ".." || value === "") throw new Error(`'${value}' cannot be a path segment`);
  return encodeURIComponent(value);
}

/** HTTP Basic credentials as RFC 6749 §2.3.1 wants them: each part form-encoded first. */
function basic(clientId: string, secret: string | undefined): string | undefined {
  if (secret === undefined) return undefined;
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(secret)}`).toString("base64")}`;
}
