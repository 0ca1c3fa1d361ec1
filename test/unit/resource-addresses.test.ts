import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ADDRESS_SETS, type AddressSet, type RecordedAddresses, synthesizedAddresses } from "./resource-addresses";

/**
 * Addresses recorded by `npx tsx test/unit/resource-addresses.ts` under cdktf 0.21, before the move
 * to CDK Terrain (cdktn): a changed address is a resource the engine destroys and creates anew
 * (a customer's client, and with it its secret), or a state move every team must make. Recorded
 * again when customers' optional-scope sets were retired (`upgrade-state` forgets them): those
 * addresses went, no other changed.
 */
const RECORDED = JSON.parse(
  readFileSync(resolve(import.meta.dirname, "../fixtures/resource-addresses.json"), "utf8"),
) as Record<AddressSet, RecordedAddresses>;

describe("the synthesized resource addresses", () => {
  it.each(Object.keys(ADDRESS_SETS) as AddressSet[])(
    "are the ones recorded before, in every environment, for %s: no state moves",
    async (set) => {
      // GIVEN the addresses recorded for this set of customers
      const recorded = RECORDED[set];

      // WHEN main.ts synthesizes every environment for it
      const synthesized = await synthesizedAddresses(set);

      // THEN
      expect(synthesized).toEqual(recorded);
    },
    60_000,
  );
});
