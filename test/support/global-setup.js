// Every temporary directory of a test run (cdktf's Testing.app() outdirs, plan work directories)
// goes into one folder that the teardown removes, so runs leave nothing behind in the system's /tmp.
// The system's own temporary folder is kept aside: in watch mode setup and teardown run every time.
const { mkdtempSync } = require("fs");
const os = require("os");
const path = require("path");

module.exports = async () => {
  process.env.RSTUDIO_SHINY_SYSTEM_TMPDIR ??= os.tmpdir();
  const runDir = mkdtempSync(path.join(process.env.RSTUDIO_SHINY_SYSTEM_TMPDIR, "rstudio-shiny-tests-"));
  process.env.RSTUDIO_SHINY_TEST_TMPDIR = runDir;
  process.env.TMPDIR = runDir;
};
