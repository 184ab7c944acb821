// Filters live in the URL, so a drill-down can be sent to a colleague and the language switch keeps it.
export function param(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}

/** Changes some filters in the address bar without reloading the page. */
export function setParams(updates: Record<string, string | null | undefined>): void {
  const params = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(updates)) {
    if (v === null || v === undefined || v === "") params.delete(k);
    else params.set(k, v);
  }
  const query = params.toString();
  history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
}

/** A link to another page of the site (same language) with its filters. */
export function pageHref(page: string, params: Record<string, string | null | undefined> = {}, hash?: string): string {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return `./${page}.html${query ? `?${query}` : ""}${hash ? `#${hash}` : ""}`;
}

/** Where shards (fetched at run time, not declared to Framework) are served from; pages sit one folder deep. */
export function shardUrl(path: string): string {
  return new URL(`../_file/shards/${path}`, location.href).href;
}

export async function fetchShard<T>(path: string): Promise<T | null> {
  const response = await fetch(shardUrl(path));
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}
