import { requirement } from "../lib/constructs/keycloak-provider";
import { median } from "./measure";
import type { RequestCounts } from "./proxy";

const upstream = requirement("upstream");

export const TOOLS = {
  cdktf: "cdktf (npm run plan / deploy)",
  upstream: `cdktf on ${upstream.source.replace(/^registry\.terraform\.io\//, "")} ${upstream.version} (KEYCLOAK_PROVIDER=upstream)`,
  plain: "plain Terraform JSON (tofu)",
  kcc: "keycloak-config-cli",
  kccChecksum: "keycloak-config-cli, checksum cache on",
  floor: "admin-API floor",
} as const;
export type Tool = keyof typeof TOOLS;

export const PHASES = {
  synth: "synth",
  prPlan: "PR plan: one customer added (no refresh)",
  mergeDeploy: "merge deploy: one customer added (deploy --customer)",
  fullPlan: "full plan (refresh, no changes)",
  deploy: "deploy N new customers",
  redeploy: "unchanged re-deploy",
} as const;
export type Phase = keyof typeof PHASES;

export interface Measurement {
  /** Median wall time of the runs. */
  readonly seconds: number;
  readonly runs: readonly number[];
  readonly peakMegabytes?: number;
  /** Requests through the counting proxy in the first run. */
  readonly requests?: RequestCounts;
  /** Median seconds per StackWorkspace step (synth, init, plan, apply). */
  readonly steps?: Readonly<Record<string, number>>;
  /** Set when the deployed realm did not match the customer files. */
  readonly problem?: string;
}

export type Cell = Measurement | { readonly notMeasured: string };
export type SizeResult = {
  readonly customers: number;
  readonly cells: Partial<Record<Tool, Partial<Record<Phase, Cell>>>>;
};

export const measured = (cell: Cell | undefined): cell is Measurement => cell !== undefined && "seconds" in cell;

/** Runs of one figure reduced to their median; steps and peak memory too. */
export function summarize(
  runs: readonly { seconds: number; peakMegabytes?: number; steps?: Record<string, number> }[],
  requests?: RequestCounts,
): Measurement {
  const peaks = runs.flatMap((run) => (run.peakMegabytes === undefined ? [] : [run.peakMegabytes]));
  const stepNames = [...new Set(runs.flatMap((run) => Object.keys(run.steps ?? {})))];
  return {
    seconds: median(runs.map((run) => run.seconds)),
    runs: runs.map((run) => run.seconds),
    ...(peaks.length > 0 ? { peakMegabytes: Math.max(...peaks) } : {}),
    ...(requests ? { requests } : {}),
    ...(stepNames.length > 0
      ? {
          steps: Object.fromEntries(stepNames.map((name) => [name, median(runs.map((run) => run.steps?.[name] ?? 0))])),
        }
      : {}),
  };
}

/** What each figure is divided by: the floor's deploy, or its read-back for the phases that only read. */
const FLOOR_OF: Partial<Record<Phase, Phase>> = { deploy: "deploy", fullPlan: "fullPlan", redeploy: "fullPlan" };

const seconds = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} s`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

function cellText(size: SizeResult, tool: Tool, phase: Phase): string {
  const cell = size.cells[tool]?.[phase];
  if (!cell) return "—";
  if (!measured(cell)) return `not measured: ${cell.notMeasured}`;
  const parts = [seconds(cell.seconds)];
  if (cell.peakMegabytes !== undefined) parts.push(`${Math.round(cell.peakMegabytes)} MB peak`);
  const floorPhase = FLOOR_OF[phase];
  const floor = floorPhase && size.cells.floor?.[floorPhase];
  if (tool !== "floor" && measured(floor)) parts.push(`${ratio(cell.seconds, floor.seconds)} floor`);
  const plain = size.cells.plain?.[phase];
  if (tool === "cdktf" && phase !== "synth" && measured(plain))
    parts.push(`${ratio(cell.seconds, plain.seconds)} plain`);
  // The same commands on the official provider: what choosing it costs against the bundled one.
  const bundled = size.cells.cdktf?.[phase];
  if (tool === "upstream" && measured(bundled)) parts.push(`${ratio(cell.seconds, bundled.seconds)} bundled`);
  if (cell.problem) parts.push(`result differs: ${cell.problem}`);
  return parts.join(", ");
}

/** Phases about one customer: their requests are that customer's, not spread over the realm's. */
const ONE_CUSTOMER: readonly Phase[] = ["prPlan", "mergeDeploy"];

function requestsText(size: SizeResult, tool: Tool, phase: Phase): string {
  const cell = size.cells[tool]?.[phase];
  if (!measured(cell) || !cell.requests) return "—";
  const perCustomer = (cell.requests.total / (ONE_CUSTOMER.includes(phase) ? 1 : size.customers)).toFixed(1);
  const methods = Object.entries(cell.requests.byMethod)
    .map(([method, count]) => `${method} ${count}`)
    .join(" ");
  const bundled = size.cells.cdktf?.[phase];
  const versus =
    tool === "upstream" && measured(bundled) && bundled.requests?.total
      ? `, ${ratio(cell.requests.total, bundled.requests.total)} bundled`
      : "";
  return `${perCustomer} (${cell.requests.total}: ${methods})${versus}`;
}

/** The Markdown tables of one run: per size, figures with their ratios, then admin API requests per customer. */
export function renderTables(sizes: readonly SizeResult[]): string {
  const lines: string[] = [];
  const header = (first: string, phases: Phase[]) => [
    `| ${first} | ${phases.map((p) => PHASES[p]).join(" | ")} |`,
    `| --- | ${phases.map(() => "---").join(" | ")} |`,
  ];
  for (const size of sizes) {
    const tools = (Object.keys(TOOLS) as Tool[]).filter((tool) => size.cells[tool]);
    const phases = Object.keys(PHASES) as Phase[];
    lines.push(`### ${size.customers} customers`, "", ...header("median wall time", phases));
    for (const tool of tools) {
      lines.push(`| ${TOOLS[tool]} | ${phases.map((phase) => cellText(size, tool, phase)).join(" | ")} |`);
    }
    const counted: Phase[] = ["prPlan", "mergeDeploy", "fullPlan", "deploy", "redeploy"];
    lines.push(
      "",
      ...header(
        "admin API requests per customer (total: by method; the one customer's for one-customer phases)",
        counted,
      ),
    );
    for (const tool of tools.filter((t) => counted.some((phase) => measured(size.cells[t]?.[phase])))) {
      lines.push(`| ${TOOLS[tool]} | ${counted.map((phase) => requestsText(size, tool, phase)).join(" | ")} |`);
    }
    const steps = (["prPlan", "mergeDeploy", "fullPlan", "deploy", "redeploy"] as Phase[]).flatMap((phase) => {
      const cell = size.cells.cdktf?.[phase];
      if (!measured(cell) || !cell.steps) return [];
      const known = Object.values(cell.steps).reduce((a, b) => a + b, 0);
      const list = Object.entries(cell.steps).map(([step, s]) => `${step} ${seconds(s)}`);
      return [`${PHASES[phase]}: ${[...list, `other ${seconds(Math.max(0, cell.seconds - known))}`].join(", ")}`];
    });
    if (steps.length > 0)
      lines.push("", "cdktf, where the time goes (median per step):", ...steps.map((s) => `- ${s}`));
    lines.push("");
  }
  return lines.join("\n");
}

/** Each target of the issue, judged on the sizes it names; a size or tool not measured says so. */
export function renderTargets(sizes: readonly SizeResult[]): string {
  const at = (customers: number) => sizes.find((size) => size.customers === customers);
  const figure = (customers: number, tool: Tool, phase: Phase) => {
    const cell = at(customers)?.cells[tool]?.[phase];
    return measured(cell) ? cell : undefined;
  };
  const verdict = (ok: boolean | undefined, text: string) =>
    `- ${ok === undefined ? "not measured" : ok ? "met" : "NOT met"}: ${text}`;
  const lines = ["Targets:"];

  const synth = figure(1000, "cdktf", "synth");
  lines.push(
    verdict(
      synth && synth.seconds < 5 && (synth.peakMegabytes ?? Infinity) < 500,
      `synth of 1,000 customers under 5 s and 500 MB` +
        (synth ? ` (${seconds(synth.seconds)}, ${Math.round(synth.peakMegabytes ?? 0)} MB)` : ""),
    ),
  );
  const prPlan = figure(1000, "cdktf", "prPlan");
  lines.push(
    verdict(
      prPlan && prPlan.seconds < 10,
      `PR plan for 1,000 customers under 10 s${prPlan ? ` (${seconds(prPlan.seconds)})` : ""}`,
    ),
  );
  for (const phase of ["fullPlan", "redeploy"] as Phase[]) {
    for (const size of sizes) {
      const ours = figure(size.customers, "cdktf", phase);
      const plain = figure(size.customers, "plain", phase);
      lines.push(
        verdict(
          ours && plain && ours.seconds <= 1.2 * plain.seconds,
          `${PHASES[phase]} within 1.2x of plain Terraform JSON at ${size.customers}` +
            (ours && plain ? ` (${ratio(ours.seconds, plain.seconds)})` : ""),
        ),
      );
    }
  }
  const deploy = figure(100, "cdktf", "deploy");
  const floor = figure(100, "floor", "deploy");
  lines.push(
    verdict(
      deploy && floor && deploy.seconds <= 2 * floor.seconds,
      `deploy of 100 new customers within 2x of the admin-API floor` +
        (deploy && floor ? ` (${ratio(deploy.seconds, floor.seconds)})` : ""),
    ),
  );
  const redeploy = figure(1000, "cdktf", "redeploy");
  for (const tool of ["kcc", "kccChecksum"] as Tool[]) {
    const other = figure(1000, tool, "redeploy");
    lines.push(
      verdict(
        redeploy && other && redeploy.seconds < other.seconds,
        `unchanged re-apply at 1,000 faster than ${TOOLS[tool]}` +
          (redeploy && other ? ` (${seconds(redeploy.seconds)} vs ${seconds(other.seconds)})` : ""),
      ),
    );
  }
  return lines.join("\n");
}
