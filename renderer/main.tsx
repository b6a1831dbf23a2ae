import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from './api/client';
import { ApiProvider } from './data/api-context';
import { DataNotices } from './data/data-status';
import { App } from './App';
import { DatabaseGate } from './database/DatabaseGate';
import { installTestHooks } from './data/test-hooks';
import './styles/app.css';

installTestHooks();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider api={createApi()}>
      <DatabaseGate>
        <DataNotices />
        <App />
      </DatabaseGate>
    </ApiProvider>
  </StrictMode>,
);
