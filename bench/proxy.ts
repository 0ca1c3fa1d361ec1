import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Requests seen since the last reset, by HTTP method; `token` counts sign-ins apart from admin calls. */
export interface RequestCounts {
  readonly total: number;
  readonly byMethod: Readonly<Record<string, number>>;
}

/**
 * A plain HTTP proxy in front of Keycloak that counts the requests each tool makes. Every tool
 * (the provider, keycloak-config-cli, the floor script) is pointed at it, so each pays the same
 * small per-request overhead and the counts come from one place.
 */
export class CountingProxy {
  private counts = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<CountingProxy> {
    const upstream = new URL(target);
    // Keep-alive upstream, unbounded: the tools run up to 10+ requests at once and reuse connections.
    const agent = new Agent({ keepAlive: true });
    let proxy: CountingProxy | undefined;
    const server = createServer((incoming, outgoing) => {
      proxy?.count(incoming.url?.includes("/protocol/openid-connect/token") ? "token" : (incoming.method ?? "?"));
      const forwarded = request(
        {
          agent,
          host: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: incoming.url,
          // The Host header stays the proxy's: Keycloak builds Location headers and token issuers from it.
          headers: incoming.headers,
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.on("error", (error) => {
        if (!outgoing.headersSent) outgoing.writeHead(502);
        outgoing.end(String(error));
      });
      incoming.pipe(forwarded);
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    proxy = new CountingProxy(server, `http://127.0.0.1:${port}`);
    return proxy;
  }

  private count(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** The counts since the last call, and starts counting from zero. */
  take(): RequestCounts {
    const byMethod = Object.fromEntries([...this.counts].sort());
    this.counts = new Map();
    return { total: Object.values(byMethod).reduce((a, b) => a + b, 0), byMethod };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
