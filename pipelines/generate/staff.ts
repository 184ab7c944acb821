// The fund's own users: billing officers, supervisors who approve, tellers who post cash and
// cheques. A few are the "culprits" of the internal-risk patterns (rules.md §8).
import { mix, Rng } from "./prng.ts";

export class Staff {
  readonly officers: string[];
  readonly supervisors: string[];
  readonly tellers: string[];
  readonly culprit: { waiver: string; splitter: string; selfApprover: string; backdater: string; manualPoster: string };

  constructor(seed: number, employers: number) {
    const rng = new Rng(mix(seed, 21));
    const used = new Set<string>();
    const draw = (n: number) =>
      Array.from({ length: n }, () => {
        let id: string;
        do id = `ST${rng.int(10000, 99999)}`;
        while (used.has(id));
        used.add(id);
        return id;
      });
    const officerCount = Math.max(8, Math.ceil(employers / 1500));
    this.officers = draw(officerCount);
    this.supervisors = draw(Math.max(3, Math.ceil(officerCount / 5)));
    this.tellers = draw(Math.max(3, Math.ceil(officerCount / 4)));
    const [waiver, splitter, selfApprover, backdater, manualPoster] = this.officers.slice(-5) as [string, string, string, string, string];
    this.culprit = { waiver, splitter, selfApprover, backdater, manualPoster };
  }

  /** An officer who is none of the culprits, so planted patterns stay distinguishable from background work. */
  officer(rng: Rng): string {
    return this.officers[rng.int(0, this.officers.length - 6)]!;
  }

  supervisor(rng: Rng, not?: string): string {
    let id = rng.pick(this.supervisors);
    if (id === not) id = this.supervisors[(this.supervisors.indexOf(id) + 1) % this.supervisors.length]!;
    return id;
  }

  teller(rng: Rng): string {
    return rng.pick(this.tellers);
  }

  all(): string[] {
    return [...this.officers, ...this.supervisors, ...this.tellers];
  }
}
