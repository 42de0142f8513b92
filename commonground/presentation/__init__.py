"""Presentation shared by every layer's forms: the GOV.UK Design System's messages."""
