package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"sullam/importer"
	"sullam/models"
	"sullam/store"
	"sullam/tables"
)

// writeRows writes rows as CSV, or as a JSON array of objects with the header
// as keys (scores as JSON numbers, empty values as null). In CSV, the text
// cells (names, codes, reasons: not the numeric columns) are neutralised
// against spreadsheet formula injection as the exports are
// (importer.Neutralise): a name such as =HYPERLINK(…) gets a leading
// apostrophe; a normal name is written as it is.
func writeRows(w io.Writer, format string, header []string, rows [][]string, numeric map[string]bool) error {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(header); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
		rec := make([]string, len(header))
		for _, r := range rows {
			for i, c := range r {
				if numeric[header[i]] {
					rec[i] = c
				} else {
					rec[i] = importer.Neutralise(c)
				}
			}
			if err := cw.Write(rec); err != nil {
				return fmt.Errorf("write csv: %w", err)
			}
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
		return nil
	case "json":
		out := make([]map[string]any, 0, len(rows))
		for _, r := range rows {
			obj := make(map[string]any, len(header))
			for i, h := range header {
				switch {
				case r[i] == "" && numeric[h]:
					obj[h] = nil
				case numeric[h]:
					obj[h] = json.RawMessage(r[i])
				case h == "overdue":
					obj[h] = r[i] == "true"
				default:
					obj[h] = r[i]
				}
			}
			out = append(out, obj)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return usagef("unknown format %q: want csv or json", format)
}

var scoreNumeric = map[string]bool{"year": true, "attendance": true, "quality": true, "weekly": true, "supervisor": true, "annual": true}
var promoNumeric = map[string]bool{"years_in_role": true, "counted_years": true, "cumulative": true, "required_next": true}

func cmdScore(inv Invocation, env Env) error {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	year := fs.Int("year", 0, "evaluation year")
	format := fs.String("format", "csv", "csv or json")
	team := fs.String("team", "", "only this team")
	if err := fs.Parse(inv.Args); err != nil || fs.NArg() > 0 || *year < 1900 || *year > 9999 {
		return usagef("usage: sullam score --year Y [--format csv|json] [--team T]")
	}
	if *format != "csv" && *format != "json" {
		return usagef("unknown format %q: want csv or json", *format)
	}
	st, a, err := signIn(inv)
	if err != nil {
		return err
	}
	years, err := st.Evaluations().EvaluateYear(context.Background(), a, *year, store.YearFilter{Team: *team, OnlyWithRecords: true})
	if err != nil {
		return err
	}
	rows := make([][]string, len(years))
	for i, y := range years {
		rows[i] = tables.ScoreRow(y)
	}
	inv.count("rows", len(rows))
	return writeRows(env.Stdout, *format, tables.ScoreHeader, rows, scoreNumeric)
}

func cmdPromotions(inv Invocation, env Env) error {
	fs := flag.NewFlagSet("promotions", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asOf := fs.String("as-of", "", "date YYYY-MM-DD")
	format := fs.String("format", "csv", "csv or json")
	status := fs.String("status", "", "only this status")
	if err := fs.Parse(inv.Args); err != nil || fs.NArg() > 0 {
		return usagef("usage: sullam promotions --as-of YYYY-MM-DD [--format csv|json] [--status S]")
	}
	d, err := models.ParseDate(*asOf)
	if err != nil {
		return usagef("--as-of: %v", err)
	}
	if *format != "csv" && *format != "json" {
		return usagef("unknown format %q: want csv or json", *format)
	}
	switch models.ReadinessStatus(*status) {
	case "", models.TopOfLadder, models.NotEligible, models.InsufficientData, models.Ready, models.NotReady:
	default:
		return usagef("unknown status %q: want top_of_ladder, not_eligible, insufficient_data, ready or not_ready", *status)
	}
	st, a, err := signIn(inv)
	if err != nil {
		return err
	}
	list, err := st.Evaluations().Promotions(context.Background(), a, d, store.ReadinessFilter{Status: models.ReadinessStatus(*status)})
	if err != nil {
		return err
	}
	rows := make([][]string, len(list))
	for i, r := range list {
		rows[i] = tables.PromotionRow(r)
	}
	inv.count("rows", len(rows))
	return writeRows(env.Stdout, *format, tables.PromotionsHeader, rows, promoNumeric)
}
