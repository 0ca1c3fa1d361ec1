import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
/**
 * The name the Keycloak under test reaches this host by (mapped to Docker's `host-gateway`): a
 * public-looking name, as validation refuses JWKS URLs on internal names such as host.docker.internal.
 */
export const HOST_FROM_CONTAINERS = "keys.customer-under-test.example";

/**
 * A customer's JWKS endpoint: HTTPS with a throwaway self-signed certificate for
 * the customer's public-looking host name, which the Keycloak under test is given as trusted.
 */
export class JwksServer {
  private constructor(
    private readonly server: Server,
    /** PEM certificate to put into Keycloak's truststore. */
    readonly certificate: string,
    private readonly keys: object,
  ) {}

  static async start(jwks: object): Promise<JwksServer> {
    const dir = await mkdtemp(join(tmpdir(), "jwks-server-"));
    try {
      await run("openssl", [
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"),
        "-subj", `/CN=${HOST_FROM_CONTAINERS}`, "-addext", `subjectAltName=DNS:${HOST_FROM_CONTAINERS}`,
      ]).catch((error: Error) => {
        throw new Error(`openssl could not make a test certificate (install Debian's openssl): ${error.message}`);
      }); // prettier-ignore
      const [key, cert] = await Promise.all([readFile(join(dir, "key.pem")), readFile(join(dir, "cert.pem"), "utf8")]);
      let server!: Server;
      const jwksServer = await new Promise<JwksServer>((resolve) => {
        server = createServer({ key, cert }, (_request, response) => {
          response.writeHead(200, { "content-type": "application/json" });
          response.end(JSON.stringify(jwksServer.keys));
        });
        // All interfaces: the container reaches this host through the Docker bridge.
        server.listen(0, "0.0.0.0", () => resolve(new JwksServer(server, cert, jwks)));
      });
      return jwksServer;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** The JWKS URL as Keycloak (in its container) reaches it. */
  get url(): string {
    return `https://${HOST_FROM_CONTAINERS}:${(this.server.address() as AddressInfo).port}/jwks.json`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
