// Progressive enhancement only: every page works without this script.
import { initAll } from "./dist/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
