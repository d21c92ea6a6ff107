import './shared/zodWithoutEval.ts';
import 'katex/dist/katex.min.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { maybeMeasureOnFirstVisit } from './bridge/backendBenchmark.ts';
import { registerServiceWorker } from './registerServiceWorker.ts';
import { startPersistence } from './store/persistence.ts';
import { App } from './ui/App.tsx';
import './ui/styles.css';

void startPersistence({ hash: location.hash, search: location.search });
registerServiceWorker();
maybeMeasureOnFirstVisit();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
