// Package chart draws the report and progress charts as PNG pictures with
// gonum/plot. It is apart from the core so that storage and the adapters,
// which import the core's contract, never build a plotting library; the
// engine asks it through a small interface (engine.Charter).
package chart

import (
	"bytes"
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/interviewbot/interviewbot/bot/i18n"
)

// Charts are drawn with gonum/plot (pure Go, no system libraries). Its
// bundled fonts (Liberation) have Latin, Greek and Cyrillic glyphs but no
// CJK ones: a chart's words are in the person's language where the font
// can draw it, else in English (the terminal's text charts always follow
// the language).

// Series is a labelled row of percentages.
type Series struct {
	// Title is the catalog key of the series' title.
	Title  string
	Labels []string
	Values []float64 // 0–100
}

// PNG draws a bar chart (top) and a line chart (bottom) into one PNG,
// 800 pixels wide. Either may be empty; an empty panel says so.
func PNG(lang string, bars, line Series) ([]byte, error) {
	const dpi = 100
	w, h := 8*vg.Inch, 8*vg.Inch
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi))
	dc := draw.New(c)
	tiles := draw.Tiles{Rows: 2, Cols: 1, PadY: vg.Points(12), PadTop: vg.Points(6), PadBottom: vg.Points(6), PadLeft: vg.Points(6), PadRight: vg.Points(12)}
	top, err := barPlot(lang, bars)
	if err != nil {
		return nil, err
	}
	bottom, err := linePlot(lang, line)
	if err != nil {
		return nil, err
	}
	top.Draw(tiles.At(dc, 0, 0))
	bottom.Draw(tiles.At(dc, 0, 1))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("encode chart: %w", err)
	}
	return buf.Bytes(), nil
}

func percentAxes(p *plot.Plot, lang string, s Series) {
	p.Title.Text = chartText(lang, s.Title)
	p.Y.Min, p.Y.Max = 0, 100
	p.Y.Label.Text = chartText(lang, "chart.axis")
	p.Add(plotter.NewGrid())
}

// chartText is a catalog text for a chart: in lang when the chart's font
// has every glyph of it, else in English.
func chartText(lang, key string) string {
	t := i18n.Default().Text(lang, key)
	for _, r := range t {
		if r > 0x4ff { // beyond Latin, Greek and Cyrillic
			return i18n.Default().Text(i18n.Fallback, key)
		}
	}
	return t
}

func barPlot(lang string, s Series) (*plot.Plot, error) {
	p := plot.New()
	percentAxes(p, lang, s)
	if len(s.Values) == 0 {
		p.X.Label.Text = chartText(lang, "chart.no_answers")
		return p, nil
	}
	bars, err := plotter.NewBarChart(plotter.Values(s.Values), vg.Points(max(12, 300/float64(len(s.Values)))))
	if err != nil {
		return nil, fmt.Errorf("bar chart: %w", err)
	}
	bars.Color = color.RGBA{R: 0x3b, G: 0x82, B: 0xf6, A: 0xff}
	bars.LineStyle.Width = 0
	p.Add(bars)
	p.NominalX(s.Labels...)
	p.X.Min, p.X.Max = -0.6, float64(len(s.Values))-0.4 // room beside the outer bars
	return p, nil
}

func linePlot(lang string, s Series) (*plot.Plot, error) {
	p := plot.New()
	percentAxes(p, lang, s)
	if len(s.Values) == 0 {
		p.X.Label.Text = chartText(lang, "chart.no_history")
		return p, nil
	}
	pts := make(plotter.XYs, len(s.Values))
	for i, v := range s.Values {
		pts[i].X, pts[i].Y = float64(i+1), v
	}
	l, sc, err := plotter.NewLinePoints(pts)
	if err != nil {
		return nil, fmt.Errorf("line chart: %w", err)
	}
	l.Color = color.RGBA{R: 0x10, G: 0xb9, B: 0x81, A: 0xff}
	l.Width = vg.Points(2)
	sc.Color = l.Color
	p.Add(l, sc)
	// Points sit at 1…n; the first nominal tick (0) is left blank.
	p.NominalX(append([]string{""}, s.Labels...)...)
	p.X.Min, p.X.Max = 0, float64(len(s.Values))+0.5
	return p, nil
}
