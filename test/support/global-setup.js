// Every temporary directory of a test run (cdktf's Testing.app() outdirs, plan work directories)
// goes into one folder that the teardown removes, so runs leave nothing behind in the system's /tmp.
const { mkdtempSync } = require("fs");
const os = require("os");
const path = require("path");

module.exports = async () => {
  const runDir = mkdtempSync(path.join(os.tmpdir(), "rstudio-shiny-tests-"));
  process.env.RSTUDIO_SHINY_TEST_TMPDIR = runDir;
  process.env.TMPDIR = runDir;
};
