//! Charts drawn on the server as SVG (no JavaScript): a funnel's horizontal bars and stacked bars per period. Each
//! is an image with a name (`role="img"`, labelled by its title) and, for stacked bars, a table with its data beside
//! it; colours come from the stylesheet (`.series-N`), so light and dark themes each choose theirs.

use leptos::prelude::*;

const WIDTH: f64 = 420.0;
const ROW: f64 = 26.0;
const LABEL: f64 = 170.0;

/// Horizontal bars, one per step, each as long as its share of the largest.
#[component]
pub fn FunnelChart(id: String, title: String, steps: Vec<(String, i64)>) -> impl IntoView {
    let max = steps.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
    let height = ROW * steps.len() as f64 + 4.0;
    let title_id = format!("{id}-chart-title");
    let labelled_by = title_id.clone();
    view! {
        <svg class="chart funnel-chart" role="img" aria-labelledby=labelled_by viewBox=format!("0 0 {WIDTH} {height}")
            width="100%" preserveAspectRatio="xMinYMin meet">
            <title id=title_id>{title}</title>
            {steps.into_iter().enumerate().map(|(i, (label, n))| {
                let y = 2.0 + i as f64 * ROW;
                let w = ((WIDTH - LABEL - 60.0) * n as f64 / max).max(if n > 0 { 2.0 } else { 0.0 });
                view! {
                    <g aria-hidden="true">
                        <text x="0" y=y + 17.0 class="chart-label">{label}</text>
                        <rect x=LABEL y=y + 3.0 width=w height=ROW - 8.0 rx="3" class=format!("series-{i}")/>
                        <text x=LABEL + w + 6.0 y=y + 17.0 class="chart-value">{crate::ui::thousands(n)}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

/// Stacked bars per period (oldest first), one colour per series, with a legend and the data as a table.
#[component]
pub fn StackedBars(id: &'static str, title: String, series: Vec<String>, bars: Vec<super::funnel::Bar>) -> impl IntoView {
    let total = |b: &super::funnel::Bar| b.values.iter().sum::<i64>();
    let max = bars.iter().map(total).max().unwrap_or(0).max(1) as f64;
    let (chart_w, chart_h, top) = (640.0, 160.0, 8.0);
    let slot = chart_w / bars.len().max(1) as f64;
    let bar_w = (slot * 0.7).max(1.0);
    let title_id = format!("{id}-chart-title");
    let labelled_by = title_id.clone();
    let every = (bars.len() / 8).max(1);
    let table_label = format!("{title}: the data");
    let region_label = table_label.clone();
    view! {
        <figure class="stacked" data-chart=id>
            <svg class="chart stacked-chart" role="img" aria-labelledby=labelled_by
                viewBox=format!("0 0 {chart_w} {}", chart_h + top + 22.0) width="100%" preserveAspectRatio="xMinYMin meet">
                <title id=title_id>{title.clone()}</title>
                <line x1="0" x2=chart_w y1=top + chart_h y2=top + chart_h class="axis" aria-hidden="true"/>
                {bars.iter().enumerate().map(|(i, b)| {
                    let x = i as f64 * slot + (slot - bar_w) / 2.0;
                    let mut y = top + chart_h;
                    let parts = b.values.iter().enumerate().filter(|(_, v)| **v > 0).map(|(s, v)| {
                        let h = chart_h * *v as f64 / max;
                        y -= h;
                        view! { <rect x=x y=y width=bar_w height=h class=format!("series-{s}")/> }
                    }).collect_view();
                    let label = (i % every == 0).then(|| view! {
                        <text x=x + bar_w / 2.0 y=top + chart_h + 16.0 text-anchor="middle" class="chart-label">{b.label.clone()}</text>
                    });
                    view! { <g aria-hidden="true">{parts}{label}</g> }
                }).collect_view()}
            </svg>
            <ul class="legend" aria-hidden="true">
                {series.iter().enumerate().map(|(s, name)| view! { <li><span class=format!("swatch series-{s}")></span>{name.clone()}</li> }).collect_view()}
            </ul>
            <div class="table-wrap" tabindex="0" role="region" aria-label=region_label>
                    <table class="chart-data">
                        <caption class="visually-hidden">{table_label}</caption>
                        <thead><tr><th scope="col">"Period"</th>
                            {series.iter().map(|name| view! { <th scope="col">{name.clone()}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {bars.into_iter().map(|b| view! {
                                <tr><th scope="row">{b.label}</th>
                                    {b.values.into_iter().map(|v| view! { <td>{crate::ui::thousands(v)}</td> }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
            </div>
        </figure>
    }
}
