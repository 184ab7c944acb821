// Observable Framework's configuration. `tahseel publish` stages the site (pages of one audience and
// the data just exported) in a folder of its own and points TAHSEEL_SITE_SRC / TAHSEEL_SITE_OUT at it;
// everything else is in pipelines/publish/site-chrome.ts.
import { siteConfig } from "./pipelines/publish/site-chrome.ts";

export default siteConfig(process.env);
