// A list too long for one file, written in pages of a fixed number of rows (export/paged.ts) and
// fetched page by page by the site (dashboards/components/paged.ts).

/** What a page needs to know to fetch a paged list: where it is and how long it is. */
export type PagedList = {
  base: string;
  total: number;
  pages: number;
};

/** One page of a paged list: `<base>/<page>.json`. */
export type Page<R> = {
  total: number;
  pages: number;
  page: number;
  rows: R[];
};
