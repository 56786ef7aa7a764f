// Vega-Lite spec of a Pareto scatter: every complete trial in two objectives, the front highlighted,
// infeasible trials greyed, bounds as rules, an optional true front as a reference, an optional third objective as colour.

import type { TopLevelSpec } from 'vega-lite';
import { badInput } from '../core/errors.js';
import { axisFormat, CHART_CONFIG, CHART_HEIGHT_PX, CHART_WIDTH_PX, COLORS } from './chart-style.js';
import { boundText, objectiveTitle } from './labels.js';
import type { ReportObjective, StudyReportData } from './types.js';

export interface ParetoAxes {
  /** Index into data.objectives of the horizontal objective. */
  readonly x: number;
  /** Index of the vertical objective. */
  readonly y: number;
  /** Index of an objective shown as point colour (used when there are 3+ objectives). */
  readonly color?: number | undefined;
}

const GROUP_FRONT = 'Pareto front';
const GROUP_EVALUATED = 'Other feasible trials';
const GROUP_INFEASIBLE = 'Infeasible (violates a bound)';
const GROUP_REFERENCE = 'True front (reference)';

interface ScatterRow {
  readonly number: number;
  readonly x: number;
  readonly y: number;
  readonly shade: number | null;
  readonly group: string;
}

function objectiveAt(data: StudyReportData, index: number, field: string): ReportObjective {
  const objective = data.objectives[index];
  if (objective === undefined) {
    throw badInput(field, `objective index ${index} is out of range (${data.objectives.length} objectives)`, 'pick an index of data.objectives');
  }
  return objective;
}

function finiteValue(values: Readonly<Record<string, number>> | null, name: string): number | null {
  const value = values?.[name];
  return value !== undefined && Number.isFinite(value) ? value : null;
}

/** The rows drawn as points: complete trials with finite values on both axes. */
function scatterRows(data: StudyReportData, x: ReportObjective, y: ReportObjective, shade: ReportObjective | undefined): ScatterRow[] {
  const rows: ScatterRow[] = [];
  for (const trial of data.trials) {
    if (trial.state !== 'complete') continue;
    const xValue = finiteValue(trial.values, x.name);
    const yValue = finiteValue(trial.values, y.name);
    if (xValue === null || yValue === null) continue;
    const group = !trial.feasible ? GROUP_INFEASIBLE : trial.onFront ? GROUP_FRONT : GROUP_EVALUATED;
    const shadeValue = shade === undefined ? null : finiteValue(trial.values, shade.name);
    rows.push({ number: trial.number, x: xValue, y: yValue, shade: shadeValue, group });
  }
  return rows;
}

function referenceRows(data: StudyReportData, x: ReportObjective, y: ReportObjective): ScatterRow[] {
  const rows: ScatterRow[] = [];
  for (const point of data.trueFront ?? []) {
    const xValue = finiteValue(point.values, x.name);
    const yValue = finiteValue(point.values, y.name);
    if (xValue === null || yValue === null) continue;
    rows.push({ number: -1, x: xValue, y: yValue, shade: null, group: GROUP_REFERENCE });
  }
  return rows.sort((first, second) => first.x - second.x);
}

/**
 * The reference rows that no other dominates in these two objectives (ties kept). A true front over more
 * objectives than the study plots holds points dominated in the plotted pair, and a staircase through them zigzags.
 */
function frontIn2d(rows: readonly ScatterRow[], x: ReportObjective, y: ReportObjective): ScatterRow[] {
  const xMin = (row: ScatterRow): number => (x.direction === 'minimize' ? row.x : -row.x);
  const yMin = (row: ScatterRow): number => (y.direction === 'minimize' ? row.y : -row.y);
  const sorted = [...rows].sort((first, second) => xMin(first) - xMin(second) || yMin(first) - yMin(second));
  const kept: ScatterRow[] = [];
  for (const row of sorted) {
    const previous = kept[kept.length - 1];
    if (previous === undefined || yMin(row) < yMin(previous) || (xMin(row) === xMin(previous) && yMin(row) === yMin(previous))) kept.push(row);
  }
  return kept.sort((first, second) => first.x - second.x);
}

/**
 * Interpolation that draws a 2-D front as the staircase bounding the region it dominates: with x minimised a
 * point's value holds until the next point to its right, with x maximised until the one to its left.
 */
function staircaseInterpolation(x: ReportObjective): 'step-after' | 'step-before' {
  return x.direction === 'minimize' ? 'step-after' : 'step-before';
}

/**
 * Whether a reference point lies beyond every trial in some plotted objective's bad direction (e.g. NB201's cells
 * with a constant output: 90% error at almost no latency). The axes are fitted to the trials and the rest of the
 * true front; such points would stretch them over a region no trial reaches, so the reference line is clipped.
 */
function beyondTrials(rows: readonly ScatterRow[], x: ReportObjective, y: ReportObjective): (row: ScatterRow) => boolean {
  if (rows.length === 0) return () => false;
  const worst = (objective: ReportObjective, values: number[]): number => (objective.direction === 'minimize' ? Math.max(...values) : Math.min(...values));
  const worse = (objective: ReportObjective, value: number, limit: number): boolean => (objective.direction === 'minimize' ? value > limit : value < limit);
  const worstX = worst(x, rows.map((row) => row.x));
  const worstY = worst(y, rows.map((row) => row.y));
  return (row) => worse(x, row.x, worstX) || worse(y, row.y, worstY);
}

/** [min, max] of the values widened by a share of their span on each side (a point's width when they are equal). */
function paddedDomain(values: readonly number[]): [number, number] {
  const low = Math.min(...values);
  const high = Math.max(...values);
  const margin = high > low ? 0.03 * (high - low) : Math.max(Math.abs(low) * 0.05, 1e-9);
  return [low - margin, high + margin];
}

/** Rules (and their labels) for the bounds of the plotted objectives. */
function boundLayers(x: ReportObjective, y: ReportObjective): Record<string, unknown>[] {
  const layers: Record<string, unknown>[] = [];
  // A datum-only layer still needs one row to draw from.
  const one = { values: [{}] };
  const rule = { type: 'rule', color: COLORS.bound, strokeDash: [6, 4], strokeWidth: 1.5 };
  const label = { type: 'text', color: COLORS.bound, fontSize: 11 };
  if (x.bound !== undefined) {
    layers.push({ data: one, mark: rule, encoding: { x: { datum: x.bound.value, type: 'quantitative' } } });
    layers.push({
      data: one,
      mark: { ...label, align: 'left', baseline: 'top', dx: 4, dy: 4 },
      encoding: { x: { datum: x.bound.value, type: 'quantitative' }, y: { value: 0 }, text: { value: boundText(x) } },
    });
  }
  if (y.bound !== undefined) {
    layers.push({ data: one, mark: rule, encoding: { y: { datum: y.bound.value, type: 'quantitative' } } });
    layers.push({
      data: one,
      mark: { ...label, align: 'right', baseline: 'bottom', dx: -4, dy: -4 },
      encoding: { y: { datum: y.bound.value, type: 'quantitative' }, x: { value: CHART_WIDTH_PX }, text: { value: boundText(y) } },
    });
  }
  return layers;
}

/**
 * The Pareto scatter. With two objectives the front is joined by the staircase that bounds the region it
 * dominates; with more, a projection of the front is not a staircase, so only its points are highlighted.
 */
export function paretoChartSpec(data: StudyReportData, axes: ParetoAxes = { x: 0, y: 1 }): TopLevelSpec {
  const x = objectiveAt(data, axes.x, 'axes.x');
  const y = objectiveAt(data, axes.y, 'axes.y');
  const shade = axes.color === undefined ? undefined : objectiveAt(data, axes.color, 'axes.color');
  const rows = scatterRows(data, x, y, shade);
  const frontRows = rows.filter((row) => row.group === GROUP_FRONT);
  const drawStaircase = data.objectives.length === 2;
  const allReference = referenceRows(data, x, y);
  const reference = drawStaircase ? frontIn2d(allReference, x, y) : allReference;

  const present = new Set([...rows.map((row) => row.group), ...reference.map((row) => row.group)]);
  const groups = [GROUP_FRONT, GROUP_EVALUATED, GROUP_INFEASIBLE, GROUP_REFERENCE].filter((group) => present.has(group));
  const shapeOf: Record<string, string> = {
    [GROUP_FRONT]: 'diamond',
    [GROUP_EVALUATED]: 'circle',
    [GROUP_INFEASIBLE]: 'cross',
    [GROUP_REFERENCE]: drawStaircase ? 'stroke' : 'triangle-up',
  };
  const colorOf: Record<string, string> = {
    [GROUP_FRONT]: COLORS.front,
    [GROUP_EVALUATED]: COLORS.evaluated,
    [GROUP_INFEASIBLE]: COLORS.infeasible,
    [GROUP_REFERENCE]: COLORS.reference,
  };
  const groupShapeScale = { domain: groups, range: groups.map((group) => shapeOf[group]) };
  const groupColorScale = { domain: groups, range: groups.map((group) => colorOf[group]) };
  const legend = {
    title: null,
    orient: 'bottom',
    direction: 'horizontal',
    columns: 2,
    labelLimit: 0,
    columnPadding: 24,
    symbolStrokeWidth: 2,
    // Outline each symbol in its own colour, so the line-shaped entry of the reference front shows too.
    ...(shade === undefined ? { encode: { symbols: { update: { stroke: { scale: 'color', field: 'value' } } } } } : {}),
  };

  const far = beyondTrials(rows, x, y);
  const clipped = reference.some(far);
  const fitted = [...rows, ...reference.filter((row) => !far(row))];
  const allX = fitted.map((row) => row.x);
  const allY = fitted.map((row) => row.y);
  // With reference points beyond the trials the axes get explicit domains and the reference line runs off them.
  const scaleOf = (values: number[]): Record<string, unknown> => (clipped ? { zero: false, nice: false, domain: paddedDomain(values) } : { zero: false, nice: false, padding: 10 });
  const xEncoding = { field: 'x', type: 'quantitative', title: objectiveTitle(x), scale: scaleOf(allX), axis: axisFormat(allX) };
  const yEncoding = { field: 'y', type: 'quantitative', title: objectiveTitle(y), scale: scaleOf(allY), axis: axisFormat(allY) };
  const shapeEncoding = { field: 'group', type: 'nominal', scale: groupShapeScale, legend };
  // Two objectives: colour tells the groups apart (one merged legend). More: colour shows the extra objective.
  const groupColor = { field: 'group', type: 'nominal', scale: groupColorScale, legend };
  const pointColor = shade === undefined ? groupColor : shadeEncoding(shade, rows);

  const layers: Record<string, unknown>[] = [...boundLayers(x, y)];

  if (reference.length > 0) {
    layers.push(
      drawStaircase
        ? {
            // The same staircase as the study's front, so the area between them is what the study does not yet dominate.
            data: { values: reference },
            mark: { type: 'line', interpolate: staircaseInterpolation(x), strokeDash: [5, 4], strokeWidth: 1.5, clip: true },
            encoding: { x: xEncoding, y: yEncoding, color: groupColor },
          }
        : {
            data: { values: reference.filter((row) => !far(row)) },
            mark: { type: 'point', size: 30, filled: false, color: COLORS.reference, opacity: 0.7 },
            encoding: { x: xEncoding, y: yEncoding, shape: shapeEncoding },
          },
    );
  }

  const infeasible = rows.filter((row) => row.group === GROUP_INFEASIBLE);
  const evaluated = rows.filter((row) => row.group === GROUP_EVALUATED);
  if (infeasible.length > 0) {
    layers.push({
      data: { values: infeasible },
      mark: { type: 'point', filled: true, size: 45, opacity: 0.6, color: COLORS.infeasible },
      encoding: { x: xEncoding, y: yEncoding, shape: shapeEncoding, ...(shade === undefined ? { color: groupColor } : {}) },
    });
  }
  if (evaluated.length > 0) {
    layers.push({
      data: { values: evaluated },
      mark: { type: 'point', filled: true, size: 45, opacity: shade === undefined ? 0.65 : 0.8 },
      encoding: { x: xEncoding, y: yEncoding, shape: shapeEncoding, color: pointColor },
    });
  }
  if (drawStaircase && frontRows.length > 1) {
    layers.push({
      data: { values: frontRows },
      mark: { type: 'line', interpolate: staircaseInterpolation(x), strokeWidth: 2 },
      encoding: { x: xEncoding, y: yEncoding, color: groupColor },
    });
  }
  if (frontRows.length > 0) {
    layers.push({
      data: { values: frontRows },
      mark:
        shade === undefined
          ? { type: 'point', filled: true, size: 110, stroke: 'white', strokeWidth: 0.8, opacity: 1 }
          : { type: 'point', filled: true, size: 120, stroke: 'black', strokeWidth: 1.2, opacity: 1 },
      encoding: { x: xEncoding, y: yEncoding, shape: shapeEncoding, color: pointColor },
    });
  }

  const frontSize = frontRows.length;
  const subtitle = `${rows.length} complete trials · ${frontSize} on the Pareto front${
    shade === undefined ? '' : ` · colour: ${shade.name}`
  }${clipped ? ' · true front cut at the trials\' worst values' : ''}`;
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${data.title ?? data.studyName}: ${y.name} vs ${x.name}`, subtitle },
    width: CHART_WIDTH_PX,
    height: CHART_HEIGHT_PX,
    config: CHART_CONFIG,
    layer: layers,
  };
  // Built from plain records (the typed spec unions are too deep to assemble piecewise); tests check Vega accepts it.
  return spec as unknown as TopLevelSpec;
}

function shadeEncoding(shade: ReportObjective, rows: readonly ScatterRow[]): Record<string, unknown> {
  const shades = rows.flatMap((row) => (row.shade === null ? [] : [row.shade]));
  return {
    field: 'shade',
    type: 'quantitative',
    title: [shade.name, `(${objectiveTitle(shade).slice(shade.name.length + 2, -1)})`],
    // Better values get the darker end of the scale, whichever way the objective points.
    scale: { scheme: 'viridis', reverse: shade.direction === 'maximize', zero: false },
    legend: { orient: 'right', gradientLength: 220, labelLimit: 0, ...axisFormat(shades) },
  };
}
