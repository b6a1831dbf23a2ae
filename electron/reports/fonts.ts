// The Noto Sans SC font files, from the @expo-google-fonts/noto-sans-sc package at run time (never
// copied into the repository). The PDF embeds them (subset, with ToUnicode); the PNG chart
// fallback is drawn with them.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { UserError } from '../../shared/errors';

const require = createRequire(import.meta.url);

export interface FontFiles {
  regular: string;
  bold: string;
}

let cached: FontFiles | null = null;

export function notoSansSc(): FontFiles {
  if (cached) return cached;
  const find = (file: string): string => {
    try {
      const path = require.resolve(`@expo-google-fonts/noto-sans-sc/${file}`);
      if (existsSync(path)) return path;
    } catch {
      // reported below
    }
    throw new UserError(`找不到报表字体 ${file}（@expo-google-fonts/noto-sans-sc），请重新安装程序`);
  };
  cached = { regular: find('400Regular/NotoSansSC_400Regular.ttf'), bold: find('700Bold/NotoSansSC_700Bold.ttf') };
  return cached;
}
