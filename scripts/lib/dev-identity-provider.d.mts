export interface DemoAccount {
  login: string;
  name: string;
  email: string;
  locale: string;
  groups: string[];
}
export declare const DEMO_ACCOUNTS: DemoAccount[];
export declare const DEMO_GROUP_MEMBERSHIPS: string;
export declare const DEV_CLIENT: { clientId: string; clientSecret: string };
export declare function startDevIdentityProvider(options: {
  port?: number;
  host?: string;
  publicBaseUrls?: string[];
}): Promise<{ issuer: string; close(): Promise<void> }>;
