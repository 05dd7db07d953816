// Node-RED settings for bench/run's peer: the same job as umhub, wired by hand as operators do (flow.json).
// The harness (src/test/java/dev/umhub/bench/NodeRedProcess.java) sets the variables below.
module.exports = {
  uiHost: "127.0.0.1",
  uiPort: parseInt(process.env.NODE_RED_PORT, 10),
  userDir: process.env.NODE_RED_USER_DIR,
  flowFile: "flow.json",
  credentialSecret: false,
  // no editor and no admin API: not part of the job, and they cost nothing while unused anyway
  httpAdminRoot: false,
  logging: { console: { level: "warn", metrics: false, audit: false } },
  externalModules: { autoInstall: false, palette: { allowInstall: false } },
  diagnostics: { enabled: false },
  runtimeState: { enabled: false }
};
