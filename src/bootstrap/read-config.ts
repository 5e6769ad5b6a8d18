import { ConfigError, loadConfig, type Config } from '../config/config.js';

/** Stops the process with a message naming each bad variable, before anything starts. */
export function readConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
