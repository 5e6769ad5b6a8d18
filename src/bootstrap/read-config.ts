import { ConfigError, loadConfig, type Config } from '../config/config.js';
import type { bootLogger } from './boot-logger.js';

/** Stops the process with a message naming each bad variable, before anything starts. */
export function readConfigOrExit(logger?: ReturnType<typeof bootLogger>): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      if (logger) logger.fatal({ problems: error.problems }, error.message);
      else console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
