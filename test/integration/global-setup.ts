import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { hostname } from "node:os";
import { getContainerRuntimeClient } from "testcontainers";
import { isRunning } from "../../lib/operations/private-files";
import { KeycloakContainer, type KeycloakUnderTest } from "./keycloak-container";
import { requireEnvironment } from "./prerequisites";

export type { KeycloakUnderTest } from "./keycloak-container";

/** Marks every container a test run starts with the run that owns it: `<hostname>:<pid>`. */
export const TEST_RUN_LABEL = "io.github.keycloak-realm-as-code.test-run";
const THIS_RUN = `${hostname()}:${process.pid}`;

declare module "vitest" {
  export interface ProvidedContext {
    keycloak: KeycloakUnderTest;
  }
}

/** One Keycloak for the whole integration run; removed at the end whatever happened. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const image = requireEnvironment("KEYCLOAK_IMAGE");
  await requireDocker();
  await removeContainersOfDeadRuns();

  console.log(`Starting Keycloak from ${image} ...`);
  const keycloak = await new KeycloakContainer(image).withLabels({ [TEST_RUN_LABEL]: THIS_RUN }).start();
  console.log(`Keycloak is ready at ${keycloak.getBaseUrl()}`);

  project.provide("keycloak", keycloak.underTest());

  return async () => {
    try {
      await keycloak.stop({ remove: true, removeVolumes: true });
    } finally {
      await removeContainers((labels) => labels[TEST_RUN_LABEL] === THIS_RUN);
    }
  };
}

async function requireDocker(): Promise<void> {
  try {
    await getContainerRuntimeClient();
  } catch (error) {
    throw new Error(
      "No Docker engine answers: the integration tests start Keycloak in a container. " +
        "Run 'npm run toolchain' (it starts dockerd when it can), or start Docker yourself / set DOCKER_HOST.",
      { cause: error },
    );
  }
}

// Ryuk cannot run here, so a run that was killed leaves its containers behind: the next run on
// this host removes them. Runs of other hosts sharing the engine are never touched.
async function removeContainersOfDeadRuns(): Promise<void> {
  await removeContainers((labels) => {
    const [host, pid] = (labels[TEST_RUN_LABEL] ?? "").split(":");
    return host === hostname() && /^\d+$/.test(pid ?? "") && !isRunning(Number(pid));
  });
}

async function removeContainers(matches: (labels: Record<string, string>) => boolean): Promise<void> {
  const { container } = await getContainerRuntimeClient();
  const all = await container.dockerode.listContainers({ all: true, filters: { label: [TEST_RUN_LABEL] } });
  for (const info of all.filter((c) => matches(c.Labels))) {
    await container.dockerode.getContainer(info.Id).remove({ force: true, v: true });
  }
}
