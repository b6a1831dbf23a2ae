// The passphrase of a 督导包 or a 督导回传 on the command line: from --passphrase-file (never from an
// argument, which other users of the machine can read in the process list), else CAMPAIGN_PASSPHRASE.
import { readFileSync, statSync } from 'node:fs';
import { UserError } from '../../shared/errors';
import { checkPassphrase } from '../bundle/sealed-file';

const PASSPHRASE_FILE_MAX_BYTES = 4096;

export function readPassphrase(passphraseFile: string | undefined): string {
  let passphrase: string;
  if (passphraseFile !== undefined) {
    let size: number;
    try {
      size = statSync(passphraseFile).size;
    } catch {
      throw new UserError(`无法读取口令文件 ${passphraseFile}`);
    }
    if (size > PASSPHRASE_FILE_MAX_BYTES) throw new UserError(`口令文件 ${passphraseFile} 过大（应只含一行口令）`);
    // One line: the trailing line break an editor adds is not part of the passphrase.
    passphrase = readFileSync(passphraseFile, 'utf8').replace(/\r?\n$/, '');
  } else if (process.env.CAMPAIGN_PASSPHRASE !== undefined) {
    passphrase = process.env.CAMPAIGN_PASSPHRASE;
  } else {
    throw new UserError('督导包须给出口令：--passphrase-file 文件（或环境变量 CAMPAIGN_PASSPHRASE）');
  }
  checkPassphrase(passphrase);
  return passphrase;
}
