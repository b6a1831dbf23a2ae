// Run as a child process by test/store/undo-leftovers.int.test.ts: takes one backup of the database named
// on the command line, as an undo does first, so that the test can kill it midway.
import Database from 'better-sqlite3';
import { backupDatabase } from '../../electron/store/backup';

const path = process.argv[2]!;
const db = new Database(path);
process.stdout.write('started\n');
backupDatabase(db, path, 'before-undo-7');
process.stdout.write('done\n');
db.close();
