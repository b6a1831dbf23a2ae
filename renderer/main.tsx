import { createRoot } from 'react-dom/client';

function App() {
  return <div>专项行动统计分析工作站</div>;
}

createRoot(document.getElementById('root')!).render(<App />);
