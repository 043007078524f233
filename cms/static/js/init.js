// Start GOV.UK Frontend's components (menu toggle, error summary focus, etc.).
import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();
