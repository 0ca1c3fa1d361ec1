import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { stopLocalKeycloak } from "../local-keycloak";
import { EXIT, type Invocation } from "./invocation";

/** `npm stop`: the local Keycloak and the local environment's state removed. */
export async function stop(run: Invocation): Promise<number> {
  const removed = await stopLocalKeycloak();
  await rm(resolve(run.root, "terraform.local.tfstate"), { force: true });
  await rm(resolve(run.root, "terraform.local.tfstate.backup"), { force: true });
  run.log(removed ? "Removed the local Keycloak and the local environment's state." : "No local Keycloak was running.");
  return EXIT.ok;
}
