const { rmSync } = require("fs");

module.exports = async () => {
  const runDir = process.env.RSTUDIO_SHINY_TEST_TMPDIR;
  if (runDir) rmSync(runDir, { recursive: true, force: true });
  process.env.TMPDIR = process.env.RSTUDIO_SHINY_SYSTEM_TMPDIR;
};
