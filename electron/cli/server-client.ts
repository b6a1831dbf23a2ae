// The CLI's way to the provincial server: --server (or CAMPAIGN_SERVER), --user, --password-file,
// and --ca (or CAMPAIGN_SERVER_CA) for a private certificate authority; logged in once per run.
import { readFileSync } from 'node:fs';
import { UserError } from '../../shared/errors';
import { CentralClient } from '../central-client/http-client';
import type { Options } from './args';
import { readPasswordFile } from './password-file';

export interface ServerCredentials {
  url: string;
  user: string;
  password: string;
  ca: Buffer | undefined;
}

export function serverCredentials(options: Options): ServerCredentials {
  const url = options.server ?? process.env.CAMPAIGN_SERVER;
  if (!url) throw new UserError('请用 --server 指定省厅服务器地址（或环境变量 CAMPAIGN_SERVER），如 https://服务器:8443');
  if (!options.user) throw new UserError('请用 --user 指定服务器上的用户名');
  const password = readPasswordFile(options['password-file']);
  const caPath = options.ca ?? process.env.CAMPAIGN_SERVER_CA;
  let ca: Buffer | undefined;
  if (caPath) {
    try {
      ca = readFileSync(caPath);
    } catch {
      throw new UserError(`无法读取证书文件 ${caPath}`);
    }
  }
  return { url, user: options.user, password, ca };
}

/** A client logged in with the command line's credentials. */
export async function loggedInClient(options: Options): Promise<CentralClient> {
  const c = serverCredentials(options);
  const client = new CentralClient(c.url, c.ca ? { ca: c.ca } : {});
  await client.login(c.user, c.password);
  return client;
}
