import { randomBytes } from "node:crypto";
import { AbstractStartedContainer, GenericContainer, StartedTestContainer, Wait } from "testcontainers";

const HTTP_PORT = 8080;
const MANAGEMENT_PORT = 9000;
/** Log lines kept to explain a failed start. */
const LOG_TAIL_LINES = 40;

/**
 * A Keycloak server for tests: production mode (`start`) over plain HTTP, the dev-file
 * database, and a bootstrap admin user plus an admin service client with random secrets.
 */
export class KeycloakContainer extends GenericContainer {
  private adminUsername = "admin";
  private adminPassword = randomBytes(18).toString("base64url");
  private adminClientId = "realm-as-code-admin";
  private adminClientSecret = randomBytes(24).toString("base64url");
  private heap = "768m";

  /** @param image a Keycloak image, e.g. quay.io/keycloak/keycloak:26.7.3 or the one `npm run toolchain` builds. */
  constructor(image: string) {
    super(image);
    this.withExposedPorts(HTTP_PORT, MANAGEMENT_PORT)
      .withCommand(["start", "--http-enabled=true", "--hostname-strict=false", "--health-enabled=true"])
      .withWaitStrategy(Wait.forHttp("/health/ready", MANAGEMENT_PORT).forStatusCode(200))
      .withStartupTimeout(180_000);
  }

  /** Bootstrap admin user of the master realm. */
  public withAdminUser(username: string, password: string): this {
    this.adminUsername = username;
    this.adminPassword = password;
    return this;
  }

  /** Bootstrap admin service client of the master realm (what the Terraform provider signs in with). */
  public withAdminClient(clientId: string, clientSecret: string): this {
    this.adminClientId = clientId;
    this.adminClientSecret = clientSecret;
    return this;
  }

  /** Maximum JVM heap, e.g. `768m`; Keycloak's own default is 70 % of the machine's memory. */
  public withMaxHeap(heap: string): this {
    this.heap = heap;
    return this;
  }

  public override async start(): Promise<StartedKeycloakContainer> {
    this.withEnvironment({
      KC_BOOTSTRAP_ADMIN_USERNAME: this.adminUsername,
      KC_BOOTSTRAP_ADMIN_PASSWORD: this.adminPassword,
      KC_BOOTSTRAP_ADMIN_CLIENT_ID: this.adminClientId,
      KC_BOOTSTRAP_ADMIN_CLIENT_SECRET: this.adminClientSecret,
      JAVA_OPTS_KC_HEAP: `-XX:MaxHeapFreeRatio=40 -Xms128m -Xmx${this.heap}`,
    });
    const admin: KeycloakAdmin = {
      username: this.adminUsername,
      password: this.adminPassword,
      clientId: this.adminClientId,
      clientSecret: this.adminClientSecret,
    };
    const logTail: string[] = [];
    this.withLogConsumer((stream) =>
      stream.on("data", (chunk: Buffer | string) => {
        logTail.push(...String(chunk).trimEnd().split("\n"));
        logTail.splice(0, Math.max(0, logTail.length - LOG_TAIL_LINES));
      }),
    );
    try {
      return new StartedKeycloakContainer(await super.start(), admin);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Keycloak (${this.imageName.string}) did not become ready: ${reason}\nLast log lines:\n${logTail.join("\n")}`,
        {
          cause: error,
        },
      );
    }
  }
}

/** Credentials of the master realm's bootstrap admin user and admin service client. */
export interface KeycloakAdmin {
  readonly username: string;
  readonly password: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export class StartedKeycloakContainer extends AbstractStartedContainer {
  constructor(
    started: StartedTestContainer,
    private readonly admin: KeycloakAdmin,
  ) {
    super(started);
  }

  /** e.g. `http://localhost:32768`, with no trailing slash. */
  public getBaseUrl(): string {
    return `http://${this.getHost()}:${this.getMappedPort(HTTP_PORT)}`;
  }

  public getAdmin(): KeycloakAdmin {
    return this.admin;
  }

  public getIssuer(realm: string): string {
    return `${this.getBaseUrl()}/realms/${realm}`;
  }

  public getTokenEndpoint(realm: string): string {
    return `${this.getIssuer(realm)}/protocol/openid-connect/token`;
  }

  /** The Keycloak provider's standard environment variables, signing in as the admin service client. */
  public getProviderEnvironment(): Record<string, string> {
    return {
      KEYCLOAK_URL: this.getBaseUrl(),
      KEYCLOAK_REALM: "master",
      KEYCLOAK_CLIENT_ID: this.admin.clientId,
      KEYCLOAK_CLIENT_SECRET: this.admin.clientSecret,
    };
  }
}
