package ui

import "fyne.io/fyne/v2"

// PromotionsScreen is the promotions area.
type PromotionsScreen struct{ d Deps }

// NewPromotionsScreen builds the promotions area.
func NewPromotionsScreen(d Deps) *PromotionsScreen { return &PromotionsScreen{d: d} }

// Content returns the area's widget tree.
func (s *PromotionsScreen) Content() fyne.CanvasObject { return placeholder("nav.promotions") }
