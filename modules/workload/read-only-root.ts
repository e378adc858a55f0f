/*
 * Which containers run with a read-only root filesystem, and where they may still write.
 */

/** The policy rule a writable root filesystem breaks. */
export const READ_ONLY_ROOT_POLICY = "ECS_8";

/**
 * Scratch volumes (empty at task start, gone when it stops) at every path the Shiny container
 * writes: R's temporary files and the Shiny user's caches, s6-overlay's runtime state (/var/run
 * is /run), Shiny Server's logs and bookmarks, and the ECS Exec agent's state and logs.
 */
export const SHINY_SCRATCH_PATHS = [
  "/tmp",
  "/run",
  "/home/shiny",
  "/var/log/shiny-server",
  "/var/lib/shiny-server",
  "/managed-agents",
  "/var/lib/amazon/ssm",
  "/var/log/amazon/ssm",
] as const;

/** s6-overlay v2 copies its init scripts under /var/run before running them when told the root is read-only. */
export const SHINY_READ_ONLY_ENVIRONMENT = [{ name: "S6_READ_ONLY_ROOT", value: "1" }];

export const RSTUDIO_WRITABLE_ROOT_REASON =
  "rocker/rstudio's init (s6 cont-init userconf) sets the user's password with chpasswd in /etc/shadow at every start, and a volume cannot be mounted over a single file in /etc; RStudio Server also writes /etc/rstudio and /var/lib/rstudio-server";

export const SHINY_WRITABLE_ROOT_REASON =
  "the environment switches the read-only root off (hardening.readOnlyRootFilesystem: false), for a Shiny image not prepared for it (images/shiny/Dockerfile shows how)";
