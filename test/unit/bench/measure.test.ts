import { describe, expect, it } from "vitest";
import { stepSeconds } from "../../../bench/measure";

describe("stepSeconds", () => {
  it("sums each step's seconds over the stacks that ran it, side by side or not", () => {
    // GIVEN the progress of a deploy of a realm and two customer shards, their lines interleaved
    const progress = [
      "==> local: synth",
      "    local: synth done (1.5 s)",
      "==> local-customers-1: plan",
      "==> local-customers-2: plan",
      "    local-customers-2: plan done (2.0 s)",
      "==> local-customers-2: what customer clients hold beyond their files",
      "    local-customers-2: holdings done (0.3 s; 5 clients, 15 admin requests)",
      "    local-customers-1: plan done (3.5 s)",
      "    local: untaint 2 done (0.4 s)",
    ].join("\n");

    // THEN
    expect(stepSeconds(progress)).toEqual({ synth: 1.5, plan: 5.5, untaint: 0.4 });
  });
});
