// Summarises a V8 .cpuprofile (node --cpu-prof): the functions with the most self time, the
// packages/files they live in, and the heaviest call paths' inclusive (total) time.
//   npx tsx bench/support/summarise-cpu-profile.ts <file.cpuprofile> [top=30]
import { readFileSync } from "node:fs";

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const [file, topArg = "30"] = process.argv.slice(2);
if (!file) throw new Error("usage: summarise-cpu-profile.ts <file.cpuprofile> [top]");
const top = Number(topArg);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;

/** Where a frame lives: an npm package, our own file, node internals or V8 ("(program)", GC). */
function place(frame: CallFrame): string {
  const url = frame.url.replace(/^file:\/\//, "");
  if (!url) return frame.functionName.startsWith("(") ? frame.functionName : "(native)";
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  if (url.startsWith("node:")) return url;
  return url.replace(/^.*?\/(lib|mailserver|app)\//, "$1/");
}
const label = (f: CallFrame) =>
  `${f.functionName || "(anonymous)"} ${place(f)}:${f.lineNumber + 1}`;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Self time per node from the samples (each sample's delta is charged to its leaf).
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) =>
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
);
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
const idleIds = new Set(
  profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id),
);
const busyUs = totalUs - [...idleIds].reduce((s, id) => s + (selfUs.get(id) ?? 0), 0);

const selfByLabel = new Map<string, number>();
const selfByPlace = new Map<string, number>();
// Inclusive time per function label, counted once per sample even when recursive.
const totalByLabel = new Map<string, number>();
profile.samples.forEach((leaf, i) => {
  if (idleIds.has(leaf)) return;
  const dt = profile.timeDeltas[i] ?? 0;
  const frame = byId.get(leaf)!.callFrame;
  selfByLabel.set(label(frame), (selfByLabel.get(label(frame)) ?? 0) + dt);
  selfByPlace.set(place(frame), (selfByPlace.get(place(frame)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
    const l = label(byId.get(id)!.callFrame);
    if (seen.has(l)) continue;
    seen.add(l);
    totalByLabel.set(l, (totalByLabel.get(l) ?? 0) + dt);
  }
});

const pct = (us: number) => `${((100 * us) / busyUs).toFixed(1).padStart(5)}%`;
const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${ms(v)} ${pct(v)}  ${k}`);
};
console.log(`busy ${ms(busyUs)} of ${ms(totalUs)} sampled`);
print("self time by package / file", selfByPlace);
print("self time by function", selfByLabel);
print("total (inclusive) time by function", totalByLabel);
