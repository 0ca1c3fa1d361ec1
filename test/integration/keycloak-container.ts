import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import {
  AbstractStartedContainer,
  GenericContainer,
  getContainerRuntimeClient,
  StartedTestContainer,
  Wait,
} from "testcontainers";
import { AdminApi } from "./admin-api";

const HTTP_PORT = 8080;
const MANAGEMENT_PORT = 9000;
/** Log lines kept to explain a failed start. */
const LOG_TAIL_LINES = 40;

/**
 * The only master realm role of the deploy client: Keycloak makes whoever creates a realm that
 * realm's administrator (the roles of client `<realm>-realm`), and nothing else.
 */
export const DEPLOY_CLIENT_REALM_ROLES = ["create-realm"];

/**
 * A Keycloak server for tests: production mode (`start`) over plain HTTP, the dev-file
 * database, a bootstrap admin user plus an admin service client with random secrets, and the
 * least-privilege deploy client the Terraform provider signs in with (README, "The deploy credential").
 */
export class KeycloakContainer extends GenericContainer {
  private adminUsername = "admin";
  private adminPassword = randomBytes(18).toString("base64url");
  private adminClientId = "realm-as-code-admin";
  private adminClientSecret = randomBytes(24).toString("base64url");
  private deployClient: ClientCredentials = {
    clientId: "realm-as-code-deploy",
    clientSecret: randomBytes(24).toString("base64url"),
  };
  private heap = "768m";
  private httpHostPort?: number;

  /** @param image a Keycloak image, e.g. quay.io/keycloak/keycloak:26.7.3 or the one `npm run toolchain` builds. */
  constructor(image: string) {
    super(image);
    this.withExposedPorts(MANAGEMENT_PORT)
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

  /**
   * The deploy client, made in the master realm once the server is ready: a service account
   * holding only {@link DEPLOY_CLIENT_REALM_ROLES}. Its id and secret are random unless set here.
   */
  public withDeployClient(clientId: string, clientSecret: string): this {
    this.deployClient = { clientId, clientSecret };
    return this;
  }

  /** Maximum JVM heap, e.g. `768m`; Keycloak's own default is 70 % of the machine's memory. */
  public withMaxHeap(heap: string): this {
    this.heap = heap;
    return this;
  }

  /**
   * The host port HTTP is published on. Docker picks a new one whenever a container restarts, so a
   * Keycloak that is restarted under a running deploy needs a fixed one. @default - a free port Docker picks
   */
  public withHttpHostPort(port: number): this {
    this.httpHostPort = port;
    return this;
  }

  public override async start(): Promise<StartedKeycloakContainer> {
    this.withExposedPorts(
      this.httpHostPort === undefined ? HTTP_PORT : { container: HTTP_PORT, host: this.httpHostPort },
    );
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
    let keycloak: StartedKeycloakContainer;
    try {
      const started = await super.start();
      const host = await loopbackWhenItAnswers(started.getHost(), started.getMappedPort(HTTP_PORT));
      keycloak = new StartedKeycloakContainer(started, host, admin, this.deployClient);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Keycloak (${this.imageName.string}) did not become ready: ${reason}\nLast log lines:\n${logTail.join("\n")}`,
        {
          cause: error,
        },
      );
    }
    try {
      await new AdminApi(keycloak.underTest()).createServiceAccountClient("master", {
        ...this.deployClient,
        realmRoles: DEPLOY_CLIENT_REALM_ROLES,
      });
    } catch (error) {
      await keycloak.stop({ remove: true, removeVolumes: true });
      throw error;
    }
    return keycloak;
  }
}

/** A confidential client's id and secret, for the client credentials grant. */
export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Credentials of the master realm's bootstrap admin user and admin service client. */
export interface KeycloakAdmin extends ClientCredentials {
  readonly username: string;
  readonly password: string;
}

/** What a test needs of a started Keycloak; plain data, so the global setup can hand it to every file. */
export interface KeycloakUnderTest {
  readonly baseUrl: string;
  /** The bootstrap admin: only for the tests' own view of Keycloak (`AdminApi`), never for a deploy. */
  readonly admin: KeycloakAdmin;
  /** The least-privilege client every deploy signs in with. */
  readonly deployClient: ClientCredentials;
  /** The Keycloak provider's standard environment variables, signing in as the deploy client. */
  readonly providerEnvironment: Record<string, string>;
}

export class StartedKeycloakContainer extends AbstractStartedContainer {
  constructor(
    started: StartedTestContainer,
    private readonly host: string,
    private readonly admin: KeycloakAdmin,
    private readonly deployClient: ClientCredentials,
  ) {
    super(started);
  }

  /** e.g. `http://127.0.0.1:32768`, with no trailing slash. */
  public getBaseUrl(): string {
    return `http://${this.host}:${this.getMappedPort(HTTP_PORT)}`;
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

  /** The least-privilege client the provider deploys with (see {@link KeycloakContainer.withDeployClient}). */
  public getDeployClient(): ClientCredentials {
    return this.deployClient;
  }

  /** The Keycloak provider's standard environment variables, signing in as the deploy client. */
  public getProviderEnvironment(): Record<string, string> {
    return {
      KEYCLOAK_URL: this.getBaseUrl(),
      KEYCLOAK_REALM: "master",
      KEYCLOAK_CLIENT_ID: this.deployClient.clientId,
      KEYCLOAK_CLIENT_SECRET: this.deployClient.clientSecret,
    };
  }

  /** Freezes every process of the container (`docker pause`): connections are accepted, nothing answers. */
  public async pause(): Promise<void> {
    const { container } = await getContainerRuntimeClient();
    await container.dockerode.getContainer(this.getId()).pause();
  }

  /** Lets a paused container run on (`docker unpause`). */
  public async unpause(): Promise<void> {
    const { container } = await getContainerRuntimeClient();
    await container.dockerode.getContainer(this.getId()).unpause();
  }

  public underTest(): KeycloakUnderTest {
    return {
      baseUrl: this.getBaseUrl(),
      admin: this.admin,
      deployClient: this.deployClient,
      providerEnvironment: this.getProviderEnvironment(),
    };
  }
}

/**
 * Inside a container (`/.dockerenv`), testcontainers names Docker's bridge gateway (172.17.0.1) as
 * the host. When dockerd runs on this machine (as `npm run toolchain` starts it), the published port
 * answers on loopback too, and loopback is the only plain-HTTP Keycloak URL the bundled provider
 * accepts; otherwise the host stays what testcontainers says.
 */
async function loopbackWhenItAnswers(host: string, port: number): Promise<string> {
  const answers = await new Promise<boolean>((resolve) => {
    const socket = connect({ host: "127.0.0.1", port, timeout: 2_000 });
    const settle = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.once("connect", () => settle(true));
    socket.once("timeout", () => settle(false));
    socket.once("error", () => settle(false));
  });
  // 127.0.0.1, not "localhost": a browser tries ::1 first, and Docker may publish IPv6 on another host port.
  return answers ? "127.0.0.1" : host;
}
