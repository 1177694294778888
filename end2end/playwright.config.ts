import { defineConfig } from "@playwright/test";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");
// NABIJ_BIN points the suite at another build, e.g. target/release/nabij after `make build-release`.
const nabij = process.env.NABIJ_BIN ?? path.join(root, "target", "debug", "nabij");

const port = Number(process.env.NABIJ_E2E_PORT ?? 3100);
const smtpPort = Number(process.env.NABIJ_E2E_SMTP_PORT ?? 2626);
const baseURL = `http://127.0.0.1:${port}`;

const chromium = {
  browserName: "chromium" as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: { baseURL, locale: "nl-BE", ...chromium },
  projects: [
    { name: "hydrated", use: { javaScriptEnabled: true } },
    { name: "no-js", use: { javaScriptEnabled: false }, grepInvert: /@needs-js/ },
  ],
  webServer: [
    {
      command: `${nabij} mail-sink --port ${smtpPort} --dir ${root}/var/e2e/mail`,
      port: smtpPort,
      reuseExistingServer: false,
      cwd: root,
    },
    {
      command: `rm -rf var/e2e/db && mkdir -p var/e2e/db && ${nabij} serve --demo`,
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      cwd: root,
      env: {
        DATABASE_URL: "sqlite://var/e2e/db/nabij.db",
        NABIJ_BIND: `127.0.0.1:${port}`,
        NABIJ_PUBLIC_URL: baseURL,
        NABIJ_VAR_DIR: "var/e2e",
        // A two-course track whose answers the learning tests know (end2end/content).
        NABIJ_CONTENT_DIR: "end2end/content",
        NABIJ_SMTP__HOST: "127.0.0.1",
        NABIJ_SMTP__PORT: String(smtpPort),
        RUST_LOG: "warn",
      },
    },
  ],
});
