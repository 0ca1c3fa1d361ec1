import { hostname } from "node:os";
import { KeycloakContainer, type StartedKeycloakContainer } from "../test/integration/keycloak-container";

/**
 * The label the integration tests' global setup marks its containers with: a benchmark that was
 * killed leaves its Keycloak behind, and the next test run on this host removes it.
 */
const TEST_RUN_LABEL = "io.github.keycloak-realm-as-code.test-run";

/** One Keycloak for the whole benchmark. 1000 clients with service accounts need more than the tests' 768 MB heap. */
export async function startKeycloak(image: string): Promise<StartedKeycloakContainer> {
  return new KeycloakContainer(image)
    .withMaxHeap("1500m")
    .withLabels({ [TEST_RUN_LABEL]: `${hostname()}:${process.pid}` })
    .start();
}

/** Admin service client of the master realm, as the provider signs in. */
export interface AdminCredentials {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * The admin REST API with one token reused until shortly before it expires, as the provider does:
 * the floor script must not pay a sign-in per call that no real tool pays.
 */
export class AdminApi {
  private token?: { value: string; expires: number };

  constructor(private readonly credentials: AdminCredentials) {}

  private async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.expires) return this.token.value;
    const { baseUrl, clientId, clientSecret } = this.credentials;
    const response = await fetch(`${baseUrl}/realms/master/protocol/openid-connect/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
    });
    if (!response.ok) throw new Error(`admin sign-in failed: HTTP ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    this.token = { value: body.access_token, expires: Date.now() + (body.expires_in - 10) * 1000 };
    return this.token.value;
  }

  /** Calls `/admin/realms<path>`; returns the decoded JSON answer, or the Location header's last segment. */
  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.credentials.baseUrl}/admin/realms${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await this.accessToken()}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} /admin/realms${path}: HTTP ${response.status} ${text}`);
    const location = response.headers.get("location");
    if (location && !text) return location.slice(location.lastIndexOf("/") + 1) as T;
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Removes the realm and everything in it, so the next phase starts from an empty Keycloak. */
  async deleteRealmIfExists(realm: string): Promise<void> {
    const realms = await this.request<{ realm: string }[]>("GET", "");
    if (realms.some((r) => r.realm === realm)) await this.request("DELETE", `/${realm}`);
  }
}
