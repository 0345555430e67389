import type { ReactNode } from 'react';

export function Section(props: {
  id: string;
  testId: string;
  title: string;
  count: number;
  children: ReactNode;
}) {
  const headingId = `${props.id}-heading`;
  return (
    <section id={props.id} data-testid={props.testId} aria-labelledby={headingId} className="scroll-mt-20">
      <h2 id={headingId} className="mb-3 flex items-baseline gap-2 text-xl font-semibold">
        {props.title}
        <span className="text-sm font-normal text-slate-500">{props.count}</span>
      </h2>
      {props.children}
    </section>
  );
}
