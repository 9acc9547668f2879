// Starts GOV.UK Frontend's components (character count, error summary focus, navigation toggle...).
import { initAll } from '/js/govuk-frontend.min.js';
initAll();
