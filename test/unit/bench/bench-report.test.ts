import { describe, expect, it } from "vitest";
import { renderTables, TOOLS, type Measurement, type SizeResult } from "../../../bench/report";

const figure = (seconds: number, total: number): Measurement => ({
  seconds,
  runs: [seconds],
  requests: { total, byMethod: { GET: total - 1, token: 1 } },
});

/** The cells of the first table row whose first cell is `label`. */
function row(table: string, label: string): string[] {
  const line = table.split("\n").find((l) => l.startsWith(`| ${label} |`));
  if (!line) throw new Error(`no row '${label}' in:\n${table}`);
  return line.split(" | ").slice(1);
}

describe("the benchmark's tables", () => {
  it("set the official provider's figures beside the bundled provider's, as ratios of time and of requests", () => {
    // GIVEN a size where cdktf ran on both providers
    const size: SizeResult = {
      customers: 10,
      cells: {
        cdktf: { fullPlan: figure(10, 100), deploy: figure(20, 200) },
        upstream: { fullPlan: figure(12, 134), deploy: figure(15, 400) },
      },
    };

    // WHEN
    const tables = renderTables([size]);
    const [times = "", requests = ""] = tables.split("| admin API requests");

    // THEN
    expect(TOOLS.upstream).toBe("cdktf on keycloak/keycloak 5.9.0 (KEYCLOAK_PROVIDER=upstream)");
    const [, , , fullPlan, deploy] = row(times, TOOLS.upstream);
    expect(fullPlan).toBe("12.0 s, 1.20x bundled");
    expect(deploy).toBe("15.0 s, 0.75x bundled");
    const [, , refresh, newCustomers] = row(requests, TOOLS.upstream);
    expect(refresh).toBe("13.4 (134: GET 133 token 1), 1.34x bundled");
    expect(newCustomers).toBe("40.0 (400: GET 399 token 1), 2.00x bundled");
    expect(row(times, TOOLS.cdktf).join(" ")).not.toContain("bundled");
  });

  it("says why the official provider was not measured, in place of its figures", () => {
    // GIVEN
    const size: SizeResult = {
      customers: 3,
      cells: {
        cdktf: { deploy: figure(5, 50) },
        upstream: { deploy: { notMeasured: "KEYCLOAK_PROVIDER_BINARY is not set" } },
      },
    };

    // WHEN
    const tables = renderTables([size]);

    // THEN
    expect(row(tables, TOOLS.upstream)[4]).toBe("not measured: KEYCLOAK_PROVIDER_BINARY is not set");
  });

  it("counts the requests of a merge deploy for its one customer, not spread over the realm's", () => {
    // GIVEN a merge deploy of one customer into 1,000 that made 9 requests, and a deploy of all 1,000
    const size: SizeResult = {
      customers: 1000,
      cells: { cdktf: { mergeDeploy: figure(4, 9), deploy: figure(100, 8000) } },
    };

    // WHEN
    const [, requests = ""] = renderTables([size]).split("| admin API requests");

    // THEN
    const [, mergeDeploy, , deploy] = row(requests, TOOLS.cdktf);
    expect(mergeDeploy).toBe("9.0 (9: GET 8 token 1)");
    expect(deploy).toBe("8.0 (8000: GET 7999 token 1)");
  });
});
