// The employer profile (audit build only): find an employer by id or name, then its ledger timeline,
// open items and their ageing, payments, adjustments, invoice differences, objections and coverage
// gaps — all from the employer's own static shard.
import type { EmployerIndexEntry, EmployerSearch } from "../../pipelines/publish/page-data/employer.ts";
import type { Ctx } from "./context.js";
import { h } from "./dom.js";
import { renderProfile, type Profile } from "./employer-profile.js";
import { NOUNS, plural } from "./plural.js";
import { fetchShard, pageHref, param, setParams } from "./url.js";
import { code } from "./i18n.js";

export type { EmployerSearch };

type IndexEntry = EmployerIndexEntry;

/** Whether the index holds an id: only the one chunk whose range covers it is read. */
export async function known(index: EmployerSearch, id: string): Promise<boolean> {
  let c = -1;
  for (let i = 0; i < index.firsts.length && index.firsts[i]! <= id; i++) c = i;
  if (c < 0) return false;
  const chunk = (await fetchShard<IndexEntry[]>(`employer-index/${c}.json`)) ?? [];
  return chunk.some((e) => e[0] === id);
}

/** Name search reads the index chunk by chunk and stops once it has enough matches. */
async function searchByName(index: EmployerSearch, query: string, limit = 20): Promise<IndexEntry[]> {
  const q = query.trim().toLowerCase();
  const found: IndexEntry[] = [];
  for (let c = 0; c < index.chunks && found.length < limit; c++) {
    const chunk = (await fetchShard<IndexEntry[]>(`employer-index/${c}.json`)) ?? [];
    for (const e of chunk) if (e[0].startsWith(q) || e[1]?.toLowerCase().includes(q) || e[2]?.toLowerCase().includes(q)) found.push(e);
  }
  return found.slice(0, limit);
}

export function renderEmployer(ctx: Ctx, index: EmployerSearch): HTMLElement {
  const result = h("div", { id: "profile" });
  const input = h("input", {
    type: "search",
    name: "q",
    placeholder: ctx.w("search.placeholder"),
    value: param("id") ?? param("q") ?? "",
    size: 30,
  });
  const go = async (query: string) => {
    const q = query.trim();
    if (!q) return;
    if (/^\d{9}$/.test(q)) {
      setParams({ id: q, q: null });
      // asking for the shard of an id that does not exist would log a failed request
      const profile = (await known(index, q)) ? await fetchShard<Profile>(`employers/${q}.json`) : null;
      result.replaceChildren(
        profile ? renderProfile(ctx, profile) : h("p", { class: "hint", "data-no-employer": q }, ctx.w("search.unknown")),
      );
      return;
    }
    setParams({ q, id: null });
    const matches = await searchByName(index, q);
    result.replaceChildren(
      matches.length
        ? h(
            "ul",
            { class: "matches" },
            matches.map(([id, ar, en, region]) =>
              h(
                "li",
                {},
                h(
                  "a",
                  {
                    href: pageHref("employer", { id }),
                    "data-employer": id,
                    onclick: (e: Event) => {
                      e.preventDefault();
                      input.value = id;
                      void go(id);
                    },
                  },
                  `${(ctx.lang === "ar" ? ar : en) ?? ar ?? id} (${id}, ${code(ctx.lang, region)})`,
                ),
              ),
            ),
          )
        : h("p", {}, ctx.w("search.none")),
    );
  };
  const form = h(
    "form",
    {
      class: "filters",
      onsubmit: (e: Event) => {
        e.preventDefault();
        void go(input.value);
      },
    },
    h("label", {}, `${ctx.w("search")} (${plural(index.employers, NOUNS.employer, ctx.lang, ctx.digits)})`, input),
    h("button", { type: "submit" }, ctx.w("search")),
  );
  const start = param("id") ?? param("q");
  if (start) void go(start);
  return h("div", { class: "tahseel-page", "data-page": "employer" }, h("h1", {}, ctx.w("page.employer")), form, result);
}
