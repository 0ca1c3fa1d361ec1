import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  deadlineSeconds,
  isConnectivityFailure,
  waitForKeycloak,
  withKeycloak,
} from "../../../lib/operations/keycloak-outage";

const refused = {
  output: "Error: Could not read keycloak_realm\n\nGET /admin/realms/atlas: dial tcp: connect: connection refused\n",
};
const conflict = { output: "Error: error sending POST request to /admin/realms/atlas/clients: 409 Conflict.\n" };
const deploy = { again: "npm run deploy", writes: true };
const engineFailure = (fields: { output: string }) => Object.assign(new Error("tofu apply failed"), fields);

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A Keycloak stand-in at a loopback port: answers `status` to everything once `listen` ran. */
async function keycloakAt(status = 200): Promise<{ env: NodeJS.ProcessEnv; listen: () => Promise<void> }> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((_, response) => response.writeHead(status).end("{}")).listen(port, "127.0.0.1", resolve);
    });
  return { env: { KEYCLOAK_URL: `http://127.0.0.1:${port}`, REALM_KEYCLOAK_DEADLINE: "6" }, listen };
}

describe("deadlineSeconds", () => {
  it("is 120 s unless REALM_KEYCLOAK_DEADLINE says otherwise", () => {
    expect(deadlineSeconds({})).toBe(120);
    expect(deadlineSeconds({ REALM_KEYCLOAK_DEADLINE: "30" })).toBe(30);
  });

  it.each(["0", "-1", "1.5", "ten", "100000"])("rejects REALM_KEYCLOAK_DEADLINE=%s", (value) => {
    expect(() => deadlineSeconds({ REALM_KEYCLOAK_DEADLINE: value })).toThrow(
      `REALM_KEYCLOAK_DEADLINE must be a whole number of seconds from 1 to 99999, got '${value}'`,
    );
  });
});

describe("isConnectivityFailure", () => {
  it("is true for an engine run with Keycloak errors and for a request that found no Keycloak", () => {
    expect(isConnectivityFailure(engineFailure(refused))).toBe(true);
    expect(isConnectivityFailure(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }))).toBe(true);
  });

  it("is false for errors Keycloak answered and for the project's own", () => {
    expect(isConnectivityFailure(engineFailure(conflict))).toBe(false);
    expect(isConnectivityFailure(new Error("unknown environment 'x'"))).toBe(false);
  });
});

describe("waitForKeycloak", () => {
  it("waits for a Keycloak that starts answering within the deadline", async () => {
    // GIVEN a Keycloak that answers after 2.5 s
    const keycloak = await keycloakAt();
    setTimeout(() => void keycloak.listen(), 2_500);
    const progress: string[] = [];

    // WHEN / THEN
    expect(await waitForKeycloak(keycloak.env, (line) => progress.push(line))).toBe(true);
    expect(progress[0]).toMatch(/does not answer \(ECONNREFUSED\); waiting up to 6 s$/);
    expect(progress[1]).toMatch(/Keycloak answers again \(after \d+ s\)/);
  });

  it("gives up when Keycloak stays unavailable for the whole deadline", async () => {
    // GIVEN a proxy whose Keycloak is away (503)
    const keycloak = await keycloakAt(503);
    await keycloak.listen();
    const started = Date.now();

    // WHEN / THEN
    expect(await waitForKeycloak({ ...keycloak.env, REALM_KEYCLOAK_DEADLINE: "3" }, () => {})).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
  });
});

describe("withKeycloak", () => {
  it("runs the command again after a run failed because Keycloak stopped answering", async () => {
    // GIVEN a Keycloak that answers, and a command whose first run meets an outage
    const keycloak = await keycloakAt();
    await keycloak.listen();
    let runs = 0;

    // WHEN
    const code = await withKeycloak(
      keycloak.env,
      () => {},
      deploy,
      async () => {
        runs += 1;
        if (runs === 1) throw engineFailure(refused);
        return 0;
      },
    );

    // THEN
    expect({ code, runs }).toEqual({ code: 0, runs: 2 });
  });

  it("rejects at once a run that failed for another cause", async () => {
    const keycloak = await keycloakAt();
    await keycloak.listen();
    let runs = 0;
    const run = async () => {
      runs += 1;
      throw engineFailure(conflict);
    };

    await expect(withKeycloak(keycloak.env, () => {}, deploy, run)).rejects.toThrow("tofu apply failed");
    expect(runs).toBe(1);
  });

  it.each([
    [
      "a deploy",
      { again: "npm run deploy -- --env local", writes: true },
      "What the run changed is in the state; once Keycloak answers, run 'npm run deploy -- --env local': it continues from there.",
    ],
    ["a plan", { again: "npm run plan", writes: false }, "Once it answers, run 'npm run plan'."],
  ])("rejects %s that met an outage past the deadline, saying what to run next", async (_, command, next) => {
    // GIVEN a Keycloak that answers before the run and is gone after it
    const keycloak = await keycloakAt();
    await keycloak.listen();
    const run = async () => {
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
      throw engineFailure(refused);
    };

    // WHEN
    const rejected = withKeycloak({ ...keycloak.env, REALM_KEYCLOAK_DEADLINE: "1" }, () => {}, command, run);

    // THEN the run's own error, then the deadline and what to run
    await expect(rejected).rejects.toThrow(
      new RegExp(
        "^tofu apply failed\\n\\nKeycloak at http://127\\.0\\.0\\.1:\\d+ did not answer for 1 s \\(REALM_KEYCLOAK_DEADLINE\\): " +
          `check that it runs and that this machine reaches it \\(KEYCLOAK_URL\\)\\. ${next.replace(/[.()'-]/g, "\\$&")}$`,
      ),
    );
  });

  it("rejects before running when Keycloak does not answer within the deadline", async () => {
    const keycloak = await keycloakAt();
    let runs = 0;
    const run = async () => ++runs;

    await expect(
      withKeycloak(
        { ...keycloak.env, REALM_KEYCLOAK_DEADLINE: "1" },
        () => {},
        { again: "npm run plan", writes: false },
        run,
      ),
    ).rejects.toThrow(/did not answer for 1 s .* Nothing was changed\. Once it answers, run 'npm run plan'\.$/);
    expect(runs).toBe(0);
  });
});
