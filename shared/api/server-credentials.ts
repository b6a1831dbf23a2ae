// 记住密码 (Electron only): what the page may know of the login kept in the OS key store — whether
// one can be kept, and for whom. The password itself never reaches the page
// (electron/main/server-credentials.ts logs in with it in the main process).
export interface CredentialsState {
  /** The OS key store can encrypt: 记住密码 is offered. */
  available: boolean;
  saved: { url: string; user: string } | null;
}
