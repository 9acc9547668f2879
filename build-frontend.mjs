// Rebuilds the committed front-end assets in wwwroot/ from GOV.UK Frontend (npm run build).
// CI runs it and checks that git sees no change, so wwwroot/ always matches its sources.
import { compile } from "sass";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";

const css = compile("src/Engagement.Web/Styles/application.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  sourceMap: false,
  quietDeps: true,
  silenceDeprecations: ["import"],
});
mkdirSync("wwwroot/css", { recursive: true });
writeFileSync("wwwroot/css/application.css", css.css + "\n");

mkdirSync("wwwroot/js", { recursive: true });
copyFileSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", "wwwroot/js/govuk-frontend.min.js");
console.log("Built wwwroot/css/application.css and wwwroot/js/govuk-frontend.min.js");
